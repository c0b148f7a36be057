package dev.scry.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shared test models and data sets, found through the {@code scry.testdata} system property. */
public final class TestData {
  private TestData() {}

  /**
   * The configured folder when it exists, else the nearest {@code shared/testdata} above the working
   * directory (a git worktree sits deeper than the project root the property assumes).
   */
  public static Path root() {
    String configured = System.getProperty("scry.testdata");
    if (configured != null && Files.isDirectory(Path.of(configured))) {
      return Path.of(configured);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("testdata");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("Test data not found: scry.testdata=" + configured
        + " and no shared/testdata above " + Path.of("").toAbsolutePath());
  }

  public static Path model(String file) {
    return root().resolve("models").resolve(file);
  }

  public static Path data(String file) {
    return root().resolve("data").resolve(file);
  }

  public static Path expected(String file) {
    return root().resolve("expected").resolve(file);
  }

  public static byte[] bytes(Path path) {
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The checksum SHA256SUMS lists for {@code models/<file>}. */
  public static String sha256(String modelFile) {
    try {
      return Files.readAllLines(root().resolve("SHA256SUMS")).stream()
          .map(line -> line.trim().split("\\s+"))
          .filter(parts -> parts.length == 2 && parts[1].equals("models/" + modelFile))
          .map(parts -> parts[0])
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("SHA256SUMS has no entry for models/" + modelFile));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
