package dev.scry.gateway;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;

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

  /** {@code file:///…} as SQL names local files. */
  public static String uri(Path path) {
    return path.toAbsolutePath().normalize().toUri().toString();
  }

  /**
   * Registers what most PREDICT tests score: the iris and titanic CSV tables and their models
   * {@code iris_rf} (rf_iris, with ZipMap) and {@code titanic} (the pipeline without ZipMap).
   */
  public static void registerIrisAndTitanic(Statement statement) throws SQLException {
    statement.execute("CREATE EXTERNAL TABLE iris STORED AS CSV LOCATION '" + uri(data("iris.csv"))
        + "' OPTIONS (header 'true')");
    statement.execute("CREATE EXTERNAL TABLE titanic STORED AS CSV LOCATION '" + uri(data("small_titanic.csv"))
        + "' OPTIONS (header 'true', 'escape' '\"')");
    statement.execute("CREATE MODEL iris_rf FROM '" + uri(model("skl2onnx_rf_iris.onnx")) + "'");
    statement.execute("CREATE MODEL titanic FROM '" + uri(model("skl2onnx_titanic_pipeline_nozipmap.onnx")) + "'");
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
