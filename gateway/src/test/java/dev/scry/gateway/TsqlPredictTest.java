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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The T-SQL form PREDICT(MODEL = m, DATA = t AS d) WITH (…) AS p through the driver: the same rows as the
 * table-function and scalar forms, d and p as two names, WITH checked against the model; and the binding
 * errors every form shares (a wrong ARRAY length, a string into a float input).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TsqlPredictTest {
  private static final String IRIS_FEATURES =
      """
      (SELECT "_index_", ARRAY[Sepal_Length, Sepal_Width, Petal_Length, Petal_Width] AS float_input FROM iris)""";

  @TempDir static Path work;

  private RunningGateway gateway;

  @BeforeAll
  void startGateway() throws SQLException {
    gateway = RunningGateway.start(work);
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      TestTables.registerIrisAndTitanic(statement);
    }
  }

  @AfterAll
  void stopGateway() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void theThreeFormsGiveIdenticalRows() throws SQLException {
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      Map<Integer, List<Object>> table =
          rows(
              statement,
              "SELECT \"_index_\", output_label, output_probability_0"
                  + " FROM PREDICT(MODEL => 'iris_rf', DATA => "
                  + IRIS_FEATURES
                  + ")");
      Map<Integer, List<Object>> tsql;
      try (ResultSet rs =
          statement.executeQuery(
              "SELECT d.\"_index_\", p.label, p.probability_setosa\n"
                  + "FROM PREDICT(MODEL = iris_rf, DATA = "
                  + IRIS_FEATURES
                  + " AS d, RUNTIME = ONNX)\n"
                  + "  WITH (label BIGINT, probability_setosa DOUBLE 'output_probability_0') AS p")) {
        ResultSetMetaData meta = rs.getMetaData();
        assertEquals("label", meta.getColumnLabel(2));
        assertEquals(Types.BIGINT, meta.getColumnType(2));
        assertEquals("probability_setosa", meta.getColumnLabel(3));
        assertEquals(Types.DOUBLE, meta.getColumnType(3), "WITH casts the REAL output to DOUBLE");
        tsql = collect(rs);
      }
      Map<Integer, List<Object>> scalar = new TreeMap<>();
      try (ResultSet rs =
          statement.executeQuery(
              "SELECT \"_index_\", PREDICT('iris_rf', Sepal_Length, Sepal_Width,"
                  + " Petal_Length, Petal_Width) FROM iris")) {
        while (rs.next()) {
          scalar.put(rs.getInt(1), List.of(rs.getLong(2)));
        }
      }
      assertEquals(150, table.size());
      assertEquals(table, tsql);
      Map<Integer, List<Object>> labels = new TreeMap<>();
      table.forEach((index, row) -> labels.put(index, List.of(row.get(0))));
      assertEquals(labels, scalar);
    }
  }

  @Test
  void dataColumnsAreUnderDAndOutputsUnderP() throws SQLException {
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                """
            SELECT d.*, p.output_label, Species
            FROM PREDICT(MODEL = 'iris_rf', DATA = (SELECT "_index_", Species,
                ARRAY[Sepal_Length, Sepal_Width, Petal_Length, Petal_Width] AS float_input FROM iris) AS d) AS p
            WHERE p.output_label = 0 AND d."_index_" < 10
            ORDER BY d."_index_" DESC""")) {
      ResultSetMetaData meta = rs.getMetaData();
      List<String> labels = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        labels.add(meta.getColumnLabel(i));
      }
      assertEquals(
          List.of("_index_", "Species", "float_input", "output_label", "Species"),
          labels,
          "d.* is the DATA columns only; without WITH, p has every output column of the table form");
      int rows = 0;
      int previous = Integer.MAX_VALUE;
      while (rs.next()) {
        assertEquals("setosa", rs.getString(2));
        assertEquals(0, rs.getLong(4));
        assertTrue(rs.getInt(1) < previous, "ordered by d._index_ descending");
        previous = rs.getInt(1);
        rows++;
      }
      assertEquals(9, rows, "_index_ 1..9 are setosa (R numbers rows from 1)");
    }
  }

  /**
   * Two PREDICTs joined, over DATA of different columns, both DATA from a CTE of the query: each is
   * bound to and scores its own DATA, in both forms, with the values each gives alone.
   */
  @Test
  void joinedPredictsOverDifferentDataFromACte() throws SQLException {
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE MODEL reg FROM '"
              + TestData.uri(TestData.model("onnxmltools_xgboost_regressor.onnx"))
              + "'");
      Map<Integer, Object> labels =
          firstValues(
              statement,
              "SELECT \"_index_\", output_label FROM PREDICT(MODEL => 'iris_rf', DATA => "
                  + IRIS_FEATURES
                  + ")");
      Map<Integer, Object> variables =
          firstValues(
              statement,
              "SELECT \"_index_\", variable FROM PREDICT(MODEL => 'reg', DATA => (SELECT"
                  + " \"_index_\", ARRAY[Sepal_Length, Sepal_Width, Petal_Length, Petal_Width] AS X"
                  + " FROM iris))");
      String cte = "WITH features AS " + IRIS_FEATURES + "\n";
      String tsql =
          cte
              + "SELECT d1.\"_index_\", p1.label, p2.variable\n"
              + "FROM PREDICT(MODEL = iris_rf, DATA = features AS d1) WITH (label BIGINT) AS p1\n"
              + "JOIN PREDICT(MODEL = reg, DATA = (SELECT \"_index_\" AS i, float_input AS X"
              + " FROM features) AS d2) AS p2 ON d1.\"_index_\" = d2.i";
      String tableFunction =
          cte
              + "SELECT p2.i, p1.output_label, p2.variable\n"
              + "FROM PREDICT(MODEL => 'iris_rf', DATA => TABLE features) AS p1\n"
              + "JOIN PREDICT(MODEL => 'reg', DATA => (SELECT \"_index_\" AS i, float_input AS X"
              + " FROM features)) AS p2 ON p1.\"_index_\" = p2.i";
      for (String sql : List.of(tsql, tableFunction)) {
        Map<Integer, Object> joinedLabels = new TreeMap<>();
        Map<Integer, Object> joinedVariables = new TreeMap<>();
        try (ResultSet rs = statement.executeQuery(sql)) {
          while (rs.next()) {
            joinedLabels.put(rs.getInt(1), rs.getObject(2));
            joinedVariables.put(rs.getInt(1), rs.getObject(3));
          }
        }
        assertEquals(150, joinedLabels.size(), sql);
        assertEquals(labels, joinedLabels, sql);
        assertEquals(variables, joinedVariables, sql);
      }
    }
  }

  @Test
  void withColumnsMayShareNamesWithDataColumns() throws SQLException {
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                """
            SELECT d.Species, p.Species FROM PREDICT(MODEL = iris_rf,
              DATA = (SELECT Species, ARRAY[Sepal_Length, Sepal_Width, Petal_Length, Petal_Width] AS float_input
                      FROM iris) AS d)
              WITH (Species VARCHAR 'output_label') AS p""")) {
      Map<String, String> predicted = Map.of("setosa", "0", "versicolor", "1", "virginica", "2");
      int agree = 0;
      while (rs.next()) {
        if (predicted.get(rs.getString(1)).equals(rs.getString(2))) {
          agree++;
        }
      }
      assertTrue(agree >= 145, "the forest agrees with the species on " + agree + " of 150 rows");
    }
  }

  @Test
  void withIsCheckedAgainstTheModel() throws SQLException {
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      SQLException unknown =
          assertThrows(
              SQLException.class,
              () ->
                  statement.executeQuery(
                      "SELECT p.species FROM PREDICT(MODEL = iris_rf, DATA = "
                          + IRIS_FEATURES
                          + " AS d)\n"
                          + "WITH (species BIGINT, output_label BIGINT) AS p"));
      String message = unknown.getMessage();
      assertTrue(message.contains("line 2, column 7"), message);
      assertTrue(message.contains("no output column 'species'"), message);
      assertTrue(message.contains("output_label BIGINT, output_probability_0 REAL"), message);

      SQLException cast =
          assertThrows(
              SQLException.class,
              () ->
                  statement.executeQuery(
                      "SELECT * FROM PREDICT(MODEL = iris_rf, DATA = "
                          + IRIS_FEATURES
                          + " AS d)\n"
                          + "WITH (output_label DATE) AS p"));
      assertTrue(cast.getMessage().contains("line 2, column 20"), cast.getMessage());
      assertTrue(
          cast.getMessage().contains("'output_label' is BIGINT, which cannot be cast to DATE"),
          cast.getMessage());

      SQLException notOutput =
          assertThrows(
              SQLException.class,
              () ->
                  statement.executeQuery(
                      "SELECT p.float_input FROM PREDICT(MODEL = iris_rf, DATA = "
                          + IRIS_FEATURES
                          + " AS d) AS p"));
      assertTrue(notOutput.getMessage().contains("line 1, column 8"), notOutput.getMessage());
      assertTrue(notOutput.getMessage().contains("under 'd'"), notOutput.getMessage());

      assertServing(statement);
    }
  }

  @Test
  void anArrayOfTheWrongLengthFailsInEveryForm() throws SQLException {
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      String shortArrays =
          "(SELECT ARRAY[Sepal_Length, Sepal_Width, Petal_Length] AS float_input FROM iris)";
      for (String sql :
          List.of(
              "SELECT * FROM PREDICT(MODEL => 'iris_rf', DATA => " + shortArrays + ")",
              "SELECT p.* FROM PREDICT(MODEL = iris_rf, DATA = " + shortArrays + " AS d) AS p")) {
        SQLException error = assertThrows(SQLException.class, () -> drain(statement, sql));
        assertTrue(error.getMessage().contains("float_input"), error.getMessage());
        assertTrue(error.getMessage().contains("ARRAY of 3 values"), error.getMessage());
        assertTrue(error.getMessage().contains("takes 4"), error.getMessage());
      }
      assertServing(statement);
    }
  }

  @Test
  void aStringIntoAFloatInputNamesTheInputAndTheColumn() throws SQLException {
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      String data = "(SELECT pclass, sex, name AS age, fare, embarked FROM titanic)";
      for (String sql :
          List.of(
              "SELECT * FROM PREDICT(MODEL => 'titanic', DATA => " + data + ")",
              "SELECT p.* FROM PREDICT(MODEL = titanic, DATA = " + data + " AS d) AS p")) {
        SQLException error = assertThrows(SQLException.class, () -> drain(statement, sql));
        String message = error.getMessage();
        assertTrue(message.contains("Cannot bind input 'age' tensor(float)"), message);
        assertTrue(
            message.contains("column 'age' of type VARCHAR does not convert to float"), message);
      }
      assertServing(statement);
    }
  }

  private static void assertServing(Statement statement) throws SQLException {
    try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM iris")) {
      assertTrue(rs.next());
      assertEquals(150, rs.getLong(1));
      assertFalse(rs.next());
    }
  }

  private static void drain(Statement statement, String sql) throws SQLException {
    try (ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        rs.getObject(1);
      }
    }
  }

  /** The second column's values keyed by the first. */
  private static Map<Integer, Object> firstValues(Statement statement, String sql)
      throws SQLException {
    Map<Integer, Object> values = new TreeMap<>();
    try (ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        values.put(rs.getInt(1), rs.getObject(2));
      }
    }
    return values;
  }

  private static Map<Integer, List<Object>> rows(Statement statement, String sql)
      throws SQLException {
    try (ResultSet rs = statement.executeQuery(sql)) {
      return collect(rs);
    }
  }

  /** Rows keyed by the first column: the label, then the probability as a float (the table form's REAL). */
  private static Map<Integer, List<Object>> collect(ResultSet rs) throws SQLException {
    Map<Integer, List<Object>> rows = new TreeMap<>();
    while (rs.next()) {
      rows.put(rs.getInt(1), List.of(rs.getLong(2), (float) rs.getDouble(3)));
    }
    return rows;
  }
}
