package dev.scry.gateway;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;

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
