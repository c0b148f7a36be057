package dev.scry.planner.testing;

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

  public static byte[] modelBytes(String file) {
    try {
      return Files.readAllBytes(model(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
