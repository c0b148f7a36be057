package dev.scry.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.testing.TestData;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schemas, tables and models are kept under the warehouse and outlive the gateway that made them. */
class CatalogSurvivesRestartTest {
  @TempDir Path work;

  @Test
  void schemasTablesAndModelsSurviveARestart() throws SQLException {
    try (RunningGateway first = RunningGateway.start(work);
        Connection connection = first.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA flowers");
      statement.execute(
          "CREATE EXTERNAL TABLE flowers.Iris STORED AS CSV LOCATION '"
              + TestData.uri(TestData.data("iris.csv"))
              + "' OPTIONS (header 'true')");
      statement.execute(
          "CREATE MODEL iris_rf FROM '"
              + TestData.uri(TestData.model("skl2onnx_rf_iris.onnx"))
              + "'");
    }

    try (RunningGateway second = RunningGateway.start(work);
        Connection connection = second.connect();
        Statement statement = connection.createStatement()) {
      assertTrue(PredictThroughJdbcTest.column(statement, "SHOW SCHEMAS", 1).contains("flowers"));
      assertEquals(
          Set.of("Iris"), PredictThroughJdbcTest.column(statement, "SHOW TABLES IN flowers", 1));
      assertEquals(Set.of("iris_rf"), PredictThroughJdbcTest.column(statement, "SHOW MODELS", 1));
      try (ResultSet rs =
          statement.executeQuery(
              """
          SELECT count(*) FROM PREDICT(MODEL => 'iris_rf', DATA => (
            SELECT ARRAY[Sepal_Length, Sepal_Width, Petal_Length, Petal_Width] AS float_input
            FROM flowers.iris))""")) {
        assertTrue(rs.next());
        assertEquals(
            150, rs.getLong(1), "the table (found case-insensitively) and the model still score");
      }
    }
  }
}
