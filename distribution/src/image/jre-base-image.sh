#!/usr/bin/env bash
# Writes a container base image for Scry as a tarball in `docker save` format, from this machine's own
# files: a Java runtime jlink-ed from the local JDK, bash and the few commands bin/scry uses, and the
# shared libraries all of them (and the native libraries Spark and ONNX Runtime unpack) load. For Jib's
# `tar://` base image where no container registry is reachable (docs/deployment.md, "Container image").
#
#   jre-base-image.sh OUT.tar [JAVA_HOME]
#
# Linux only; the image has this machine's architecture and C library. Nothing is downloaded.
set -euo pipefail

out=${1:?"usage: jre-base-image.sh OUT.tar [JAVA_HOME]"}
java_home=${2:-${JAVA_HOME:-$(dirname -- "$(dirname -- "$(readlink -f -- "$(command -v java)")")")}}
[[ -d $java_home/jmods ]] || { echo "jre-base-image: $java_home has no jmods/: give a JDK" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf -- "$work"' EXIT
root=$work/rootfs
mkdir -p "$root"/{usr/bin,usr/lib,usr/lib64,etc,opt,var/lib/scry}
# Merged /usr, as current Debian: /bin/bash and /lib/x86_64-linux-gnu/... resolve into /usr.
ln -s usr/bin "$root/bin"
ln -s usr/lib "$root/lib"
ln -s usr/lib64 "$root/lib64"
ln -s usr/bin "$root/usr/sbin"
mkdir -p "$root/tmp" && chmod 1777 "$root/tmp"

# Every module of the JDK: Spark, Hadoop and the Flight SQL port reach far into the platform.
"$java_home/bin/jlink" --module-path "$java_home/jmods" --add-modules ALL-MODULE-PATH \
  --strip-debug --no-man-pages --no-header-files --output "$root/opt/java"

# Copies the shared libraries a file links (ldd), at their own paths, into the root file system.
copy_libraries_of() {
  local lib
  while read -r lib; do
    # Already there, or one of the runtime's own (found in the root file system through $ORIGIN).
    [[ -e $root$lib || $lib == "$root"/* ]] && continue
    mkdir -p "$root$(dirname -- "$lib")"
    cp -L -- "$lib" "$root$lib"
  done < <(ldd "$1" 2>/dev/null | grep -o '/[^ ]*' || true)
}

# Copies a file of this machine, at its own path, with the libraries it links.
copy_with_libraries() {
  mkdir -p "$root$(dirname -- "$1")"
  cp -L -- "$1" "$root$1"
  copy_libraries_of "$1"
}

# bin/scry's commands, and the ones Hadoop's local file system and user lookup run (chmod for the
# warehouse's files, id and groups for the user, ls and stat for permissions).
for command in bash env dirname readlink mktemp ln rm cat chmod chown chgrp ls stat id groups \
  whoami uname df du mkdir; do
  copy_with_libraries "$(readlink -f -- "$(command -v "$command")")"
done
ln -sf bash "$root/usr/bin/sh"
# The runtime's own libraries are in place already; only what they link is copied.
for library in "$root"/opt/java/bin/java "$root"/opt/java/lib/*.so "$root"/opt/java/lib/server/*.so; do
  copy_libraries_of "$library"
done
# Loaded at run time, not linked: C++ runtime for ONNX Runtime and the compression codecs, and the
# name service modules glibc opens to resolve host names.
multiarch=$(dirname -- "$(ldd "$(command -v bash)" | grep -o '/[^ ]*libc.so.6')")
for name in libstdc++.so.6 libgcc_s.so.1 libdl.so.2 libpthread.so.0 librt.so.1 libm.so.6 \
  libnss_files.so.2 libnss_dns.so.2 libresolv.so.2; do
  [[ -e $multiarch/$name ]] && copy_with_libraries "$multiarch/$name"
done
printf 'root:x:0:0:root:/root:/bin/bash\n' >"$root/etc/passwd"
printf 'root:x:0:\n' >"$root/etc/group"
printf 'hosts: files dns\n' >"$root/etc/nsswitch.conf"
printf '127.0.0.1 localhost\n::1 localhost\n' >"$root/etc/hosts"

# docker save format: one layer, its config and the manifest Jib reads.
image=$work/image
mkdir -p "$image"
tar --numeric-owner --owner=0 --group=0 -C "$root" -cf "$image/layer.tar" .
diff_id=$(sha256sum "$image/layer.tar" | cut -d' ' -f1)
arch=$(uname -m)
case $arch in x86_64) arch=amd64 ;; aarch64) arch=arm64 ;; esac
cat >"$image/config.json" <<EOF
{"architecture":"$arch","os":"linux",
 "config":{"Env":["PATH=/opt/java/bin:/usr/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8"]},
 "rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]}}
EOF
cat >"$image/manifest.json" <<EOF
[{"Config":"config.json","RepoTags":["scry-jre-base:local"],"Layers":["layer.tar"]}]
EOF
mkdir -p "$(dirname -- "$out")"
tar -C "$image" -cf "$out" manifest.json config.json layer.tar
echo "jre-base-image: wrote $out ($(du -h -- "$out" | cut -f1)); use -Dscry.image.base=tar://$(readlink -f -- "$out")"
