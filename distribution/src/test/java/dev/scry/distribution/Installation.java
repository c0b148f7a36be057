package dev.scry.distribution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/** The tarball unpacked as a user would, with {@code tar}, into a folder of its own. */
record Installation(Path home) {
  private static final Duration UNPACK = Duration.ofMinutes(2);

  Installation {
    Objects.requireNonNull(home, "home");
  }

  /** Unpacks {@code tarball} into {@code into}; the installation is its folder {@code name}. */
  static Installation unpack(Path tarball, Path into, String name)
      throws IOException, InterruptedException {
    if (!Files.isRegularFile(tarball)) {
      throw new IllegalStateException("No tarball at " + tarball + ": run the package phase first");
    }
    Process tar =
        new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", into.toString())
            .redirectErrorStream(true)
            .redirectOutput(into.resolve("tar.log").toFile())
            .start();
    if (!tar.waitFor(UNPACK.toSeconds(), TimeUnit.SECONDS)) {
      tar.destroyForcibly();
      throw new IllegalStateException("tar did not finish within " + UNPACK);
    }
    if (tar.exitValue() != 0) {
      throw new IllegalStateException(
          "tar failed: " + Files.readString(into.resolve("tar.log")).strip());
    }
    return new Installation(into.resolve(name));
  }

  Path launcher() {
    return home.resolve("bin/scry");
  }

  /** The one driver jar in jdbc/. */
  Path driverJar() throws IOException {
    try (var jars = Files.list(home.resolve("jdbc"))) {
      List<Path> found = jars.filter(jar -> jar.toString().endsWith(".jar")).toList();
      if (found.size() != 1) {
        throw new IllegalStateException("Expected one driver jar in jdbc/, found " + found);
      }
      return found.get(0);
    }
  }
}
