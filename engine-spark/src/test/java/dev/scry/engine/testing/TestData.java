package dev.scry.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The test models and data sets in the repository's {@code testdata/} folder (see its README). */
public final class TestData {
  private TestData() {}

  /**
   * The repository's {@code testdata/} folder: the {@code scry.testdata} property when set (the build sets
   * it), else the nearest {@code testdata/} holding {@code models/} from the working directory up, for
   * test runs outside Maven, which start in a module's folder.
   */
  public static Path root() {
    String configured = System.getProperty("scry.testdata");
    if (configured != null) {
      Path root = Path.of(configured).toAbsolutePath().normalize();
      if (!Files.isDirectory(root.resolve("models"))) {
        throw new IllegalStateException("Test data not found: scry.testdata=" + root + " has no models/ folder");
      }
      return root;
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("testdata");
      if (Files.isDirectory(candidate.resolve("models"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("Test data not found: no testdata/models/ in or above "
        + Path.of("").toAbsolutePath() + " (or set -Dscry.testdata)");
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
