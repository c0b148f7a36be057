#!/usr/bin/env bash
# Installs the Azure Storage emulator (npm package azurite) for the lake tests, once per machine.
# Usage: install-azurite.sh VERSION FOLDER. Does nothing when FOLDER already holds that version.
# Called by the Maven build (gateway module, before tests); uses npm's configured registry.
set -euo pipefail

version="${1:?usage: install-azurite.sh VERSION FOLDER}"
folder="${2:?usage: install-azurite.sh VERSION FOLDER}"
launcher="$folder/node_modules/azurite/dist/src/azurite.js"

if [[ -f "$launcher" && -f "$folder/.installed-$version" ]]; then
  exit 0
fi
for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "ERROR: the lake tests need Node.js and npm to run the Azure Storage emulator (azurite $version)," >&2
    echo "       but '$tool' is not on the PATH. Install Node.js 20 or later (with npm) and build again." >&2
    exit 1
  fi
done

echo "Installing azurite $version into $folder (once; about 365 MB)"
mkdir -p "$folder"
# A private folder per attempt, moved into place at the end, so that an interrupted or concurrent
# install never leaves a half-installed emulator behind.
staging="$(mktemp -d "$folder.staging.XXXXXX")"
trap 'rm -rf "$staging"' EXIT
npm install --prefix "$staging" --no-audit --no-fund --loglevel=error "azurite@$version" >&2
test -f "$staging/node_modules/azurite/dist/src/azurite.js"
rm -rf "$folder/node_modules"
mv "$staging/node_modules" "$folder/node_modules"
touch "$folder/.installed-$version"
