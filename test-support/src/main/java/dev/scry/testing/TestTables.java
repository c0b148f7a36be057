package dev.scry.testing;

import java.sql.SQLException;
import java.sql.Statement;

/** DDL that registers the repository's test data through a connection to a gateway. */
public final class TestTables {
  private TestTables() {}

  /**
   * Registers what most PREDICT tests score: the iris and titanic CSV tables and their models
   * {@code iris_rf} (rf_iris, with ZipMap) and {@code titanic} (the pipeline without ZipMap).
   */
  public static void registerIrisAndTitanic(Statement statement) throws SQLException {
    statement.execute(
        "CREATE EXTERNAL TABLE iris STORED AS CSV LOCATION '"
            + TestData.uri(TestData.data("iris.csv"))
            + "' OPTIONS (header 'true')");
    statement.execute(
        "CREATE EXTERNAL TABLE titanic STORED AS CSV LOCATION '"
            + TestData.uri(TestData.data("small_titanic.csv"))
            + "' OPTIONS (header 'true', 'escape' '\"')");
    statement.execute(
        "CREATE MODEL iris_rf FROM '"
            + TestData.uri(TestData.model("skl2onnx_rf_iris.onnx"))
            + "'");
    statement.execute(
        "CREATE MODEL titanic FROM '"
            + TestData.uri(TestData.model("skl2onnx_titanic_pipeline_nozipmap.onnx"))
            + "'");
  }
}
