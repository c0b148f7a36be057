package dev.scry.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The test models and data sets in the repository's {@code testdata/} folder (see its README). */
public final class TestData {
  private TestData() {}

  /**
   * The repository's {@code testdata/} folder: the {@code scry.testdata} property when set (the build sets
   * it), else the nearest {@code testdata/} holding {@code models/} from the working directory up.
   */
  public static Path root() {
    return RepositoryFiles.find(
        "scry.testdata",
        "testdata",
        dir -> Files.isDirectory(dir.resolve("models")),
        "Test data (a testdata/ folder with models/)");
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

  public static byte[] modelBytes(String file) {
    return bytes(model(file));
  }

  /** {@code file:///…} as SQL names local files. */
  public static String uri(Path path) {
    return path.toAbsolutePath().normalize().toUri().toString();
  }

  /** The checksum SHA256SUMS lists for {@code models/<file>}. */
  public static String sha256(String modelFile) {
    try {
      return Files.readAllLines(root().resolve("SHA256SUMS")).stream()
          .map(line -> line.trim().split("\\s+"))
          .filter(parts -> parts.length == 2 && parts[1].equals("models/" + modelFile))
          .map(parts -> parts[0])
          .findFirst()
          .orElseThrow(
              () -> new IllegalStateException("SHA256SUMS has no entry for models/" + modelFile));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Lower-case hex SHA-256 of a file, computed here independently of the code under test. */
  public static String sha256Hex(Path file) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
