package dev.scry.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.testing.TestData;
import dev.scry.testing.TestTables;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The scalar form PREDICT('model', arg, … | *) in a SELECT list gives the table form's first output. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScalarPredictTest {
  @TempDir static Path work;

  private RunningGateway gateway;

  @BeforeAll
  void startGateway() throws SQLException {
    gateway = RunningGateway.start(work);
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      TestTables.registerIrisAndTitanic(statement);
      statement.execute(
          "CREATE MODEL xgb_regressor FROM '"
              + TestData.uri(TestData.model("onnxmltools_xgboost_regressor.onnx"))
              + "'");
    }
  }

  @AfterAll
  void stopGateway() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void positionalArgumentsFillTheSingleInputAndGiveTheFirstOutput() throws SQLException {
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      Map<Integer, Long> table =
          keyed(
              statement,
              """
          SELECT "_index_", output_label FROM PREDICT(MODEL => 'iris_rf', DATA => (
            SELECT "_index_", ARRAY[Sepal_Length, Sepal_Width, Petal_Length, Petal_Width] AS float_input FROM iris))""");
      Map<Integer, Long> scalar;
      try (ResultSet rs =
          statement.executeQuery(
              """
          SELECT "_index_", PREDICT('iris_rf', Sepal_Length, Sepal_Width, Petal_Length, Petal_Width) AS label
          FROM iris""")) {
        ResultSetMetaData meta = rs.getMetaData();
        assertEquals("label", meta.getColumnLabel(2));
        assertEquals(Types.BIGINT, meta.getColumnType(2), "output_label is int64");
        scalar = new TreeMap<>();
        while (rs.next()) {
          scalar.put(rs.getInt(1), rs.getLong(2));
        }
      }
      assertEquals(150, scalar.size());
      assertEquals(table, scalar);
    }
  }

  @Test
  void starBindsEveryInputByColumnName() throws SQLException {
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      Map<String, Long> table = new TreeMap<>();
      try (ResultSet rs =
          statement.executeQuery(
              "SELECT name, label FROM PREDICT(MODEL => 'titanic', DATA => TABLE titanic)")) {
        while (rs.next()) {
          table.put(rs.getString(1), rs.getLong(2));
        }
      }
      Map<String, Long> scalar = new TreeMap<>();
      try (ResultSet rs =
          statement.executeQuery(
              "SELECT name, PREDICT('titanic', *) AS survived, 1 + PREDICT('titanic', *) AS plus_one FROM titanic")) {
        while (rs.next()) {
          scalar.put(rs.getString(1), rs.getLong(2));
          assertEquals(rs.getLong(2) + 1, rs.getLong(3));
        }
      }
      assertEquals(38, scalar.size());
      assertEquals(table, scalar);
    }
  }

  @Test
  void scalarPredictWorksOverFiltersAndInAggregates() throws SQLException {
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                """
            SELECT Species, avg(PREDICT('xgb_regressor', Sepal_Length, Sepal_Width, Petal_Length, Petal_Width)) AS mean
            FROM iris WHERE Species <> 'setosa' GROUP BY Species ORDER BY Species""")) {
      assertTrue(rs.next());
      assertEquals("versicolor", rs.getString(1));
      assertEquals(1.0, rs.getDouble(2), 0.2, "the regressor predicts the class index");
      assertTrue(rs.next());
      assertEquals("virginica", rs.getString(1));
      assertEquals(2.0, rs.getDouble(2), 0.2);
      assertFalse(rs.next());
    }
  }

  @Test
  void wrongArgumentsFailWithThePosition() throws SQLException {
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      SQLException count =
          assertThrows(
              SQLException.class,
              () ->
                  statement.executeQuery(
                      "SELECT PREDICT('iris_rf', Sepal_Length, Sepal_Width) FROM iris"));
      assertTrue(count.getMessage().contains("line 1, column 8"), count.getMessage());
      assertTrue(count.getMessage().contains("takes 4 values per row"), count.getMessage());

      SQLException inputs =
          assertThrows(
              SQLException.class,
              () -> statement.executeQuery("SELECT\n  PREDICT('titanic', name) FROM titanic"));
      assertTrue(inputs.getMessage().contains("line 2, column 3"), inputs.getMessage());
      assertTrue(inputs.getMessage().contains("5 inputs"), inputs.getMessage());

      SQLException byName =
          assertThrows(
              SQLException.class,
              () -> statement.executeQuery("SELECT PREDICT('iris_rf', *) FROM iris"));
      assertTrue(byName.getMessage().contains("float_input"), byName.getMessage());

      try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM iris")) {
        assertTrue(rs.next());
        assertEquals(150, rs.getLong(1));
      }
    }
  }

  private static Map<Integer, Long> keyed(Statement statement, String sql) throws SQLException {
    Map<Integer, Long> values = new TreeMap<>();
    try (ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        values.put(rs.getInt(1), rs.getLong(2));
      }
    }
    return values;
  }
}
