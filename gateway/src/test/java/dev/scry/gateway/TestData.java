package dev.scry.gateway;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the shared models and data sets are: ../shared/testdata, or the scry.testdata property. */
public final class TestData {
  private TestData() {}

  public static Path root() {
    String property = System.getProperty("scry.testdata");
    Path root = property != null ? Path.of(property) : Path.of("..", "..", "shared", "testdata");
    root = root.toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      throw new IllegalStateException("Test data not found at " + root + " (set -Dscry.testdata)");
    }
    return root;
  }

  public static Path model(String file) {
    return root().resolve("models").resolve(file);
  }

  public static Path data(String file) {
    return root().resolve("data").resolve(file);
  }

  /** {@code file:///…} as SQL names local files. */
  public static String uri(Path path) {
    return path.toAbsolutePath().normalize().toUri().toString();
  }

  /** Lower-case hex SHA-256 of a file, computed here independently of the gateway. */
  public static String sha256Hex(Path file) {
    try {
      return java.util.HexFormat.of().formatHex(
          java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (java.io.IOException | java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
