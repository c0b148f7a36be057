package dev.scry.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.scry.testing.ResultRows;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walking skeleton end to end: a JDBC client, over HTTP, into the gateway, through Calcite, onto
 * Spark, through ONNX Runtime, and back as rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PredictThroughJdbcTest {
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
  void irisRandomForestAgreesWithSpeciesThroughSubQuery() throws SQLException {
    Map<String, Long> classes = Map.of("setosa", 0L, "versicolor", 1L, "virginica", 2L);
    int rows = 0;
    int agreeing = 0;
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                """
            SELECT Species, output_label, output_probability_0 + output_probability_1 + output_probability_2 AS total
            FROM PREDICT(MODEL => 'iris_rf',
              DATA => (SELECT Species,
                         ARRAY[Sepal_Length, Sepal_Width, Petal_Length, Petal_Width] AS float_input
                       FROM iris))""")) {
      ResultSetMetaData meta = rs.getMetaData();
      assertEquals(Types.BIGINT, meta.getColumnType(2), "output_label is an int64 tensor");
      while (rs.next()) {
        rows++;
        if (classes.get(rs.getString("Species")) == rs.getLong("output_label")) {
          agreeing++;
        }
        assertEquals(1.0, rs.getDouble("total"), 1e-5, "class probabilities sum to one");
      }
    }
    assertEquals(150, rows);
    assertTrue(agreeing >= 147, "labels agreeing with Species: " + agreeing);
  }

  @Test
  void titanicPipelineEqualsOnnxRuntimeCalledDirectly() throws Exception {
    Map<String, float[]> scry = new HashMap<>();
    Map<String, Long> scryLabels = new HashMap<>();
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT * FROM PREDICT(MODEL => 'titanic', DATA => TABLE titanic)")) {
      ResultSetMetaData meta = rs.getMetaData();
      int columns = meta.getColumnCount();
      assertEquals("label", meta.getColumnLabel(columns - 2));
      assertEquals("probabilities_0", meta.getColumnLabel(columns - 1));
      assertEquals("probabilities_1", meta.getColumnLabel(columns));
      assertEquals(Types.REAL, meta.getColumnType(columns));
      while (rs.next()) {
        String name = rs.getString("name");
        scryLabels.put(name, rs.getLong("label"));
        scry.put(
            name, new float[] {rs.getFloat("probabilities_0"), rs.getFloat("probabilities_1")});
      }
    }
    List<Map<String, String>> passengers = CsvRows.read(TestData.data("small_titanic.csv"));
    assertEquals(38, passengers.size());
    assertEquals(38, scry.size());
    int n = passengers.size();
    long[][] pclass = new long[n][1];
    String[][] sex = new String[n][1];
    float[][] age = new float[n][1];
    float[][] fare = new float[n][1];
    String[][] embarked = new String[n][1];
    for (int i = 0; i < n; i++) {
      Map<String, String> p = passengers.get(i);
      pclass[i][0] = Long.parseLong(p.get("pclass"));
      sex[i][0] = p.get("sex");
      age[i][0] = p.get("age").isEmpty() ? Float.NaN : Float.parseFloat(p.get("age"));
      fare[i][0] = Float.parseFloat(p.get("fare"));
      embarked[i][0] = p.get("embarked");
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session =
            env.createSession(
                TestData.model("skl2onnx_titanic_pipeline_nozipmap.onnx").toString(),
                new OrtSession.SessionOptions());
        OnnxTensor t1 = OnnxTensor.createTensor(env, pclass);
        OnnxTensor t2 = OnnxTensor.createTensor(env, sex);
        OnnxTensor t3 = OnnxTensor.createTensor(env, age);
        OnnxTensor t4 = OnnxTensor.createTensor(env, fare);
        OnnxTensor t5 = OnnxTensor.createTensor(env, embarked);
        OrtSession.Result result =
            session.run(Map.of("pclass", t1, "sex", t2, "age", t3, "fare", t4, "embarked", t5))) {
      long[] labels = (long[]) result.get("label").get().getValue();
      float[][] probabilities = (float[][]) result.get("probabilities").get().getValue();
      for (int i = 0; i < n; i++) {
        String name = passengers.get(i).get("name");
        assertNotNull(scry.get(name), "row for " + name);
        assertEquals(labels[i], scryLabels.get(name), "label of " + name);
        assertEquals(probabilities[i][0], scry.get(name)[0], 1e-6, "p0 of " + name);
        assertEquals(probabilities[i][1], scry.get(name)[1], 1e-6, "p1 of " + name);
      }
    }
  }

  @Test
  void predictCarriesOnlyWhatTheQueryReadsAndFeedsTheArrayFromItsElements() throws SQLException {
    String data =
        "DATA => (SELECT Species, Sepal_Width,"
            + " ARRAY[Sepal_Length, Sepal_Width, Petal_Length, Petal_Width] AS float_input FROM iris)";
    String narrow =
        "SELECT Species, output_probability_1 FROM PREDICT(MODEL => 'iris_rf', " + data + ")";
    String plan = explain(narrow);
    assertTrue(
        plan.contains(
            "float_input <- float_input[1], float_input[2], float_input[3], float_input[4]"),
        plan);
    assertTrue(plan.contains("carries=[Species]"), plan);
    assertFalse(plan.contains("ARRAY"), "the array is never built: " + plan);

    // SELECT * carries the ARRAY column, so that query scores from the array itself: the same
    // scores.
    List<String> trimmed = new ArrayList<>();
    List<String> whole = new ArrayList<>();
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      try (ResultSet rs = statement.executeQuery(narrow)) {
        assertEquals(2, rs.getMetaData().getColumnCount());
        while (rs.next()) {
          trimmed.add(rs.getString(1) + " " + rs.getFloat(2));
        }
      }
      try (ResultSet rs =
          statement.executeQuery("SELECT * FROM PREDICT(MODEL => 'iris_rf', " + data + ")")) {
        while (rs.next()) {
          whole.add(rs.getString("Species") + " " + rs.getFloat("output_probability_1"));
        }
      }
    }
    assertEquals(150, trimmed.size());
    assertEquals(new TreeSet<>(whole).size(), new TreeSet<>(trimmed).size());
    assertEquals(whole.stream().sorted().toList(), trimmed.stream().sorted().toList());
  }

  @Test
  void predictStillScoresEveryRowWhenNoOutputIsRead() throws SQLException {
    assertTrue(
        explain(
                "SELECT count(*) FROM PREDICT(MODEL => 'iris_rf', DATA => (SELECT"
                    + " ARRAY[Sepal_Length, Sepal_Width, Petal_Length, Petal_Width] AS float_input FROM iris))")
            .contains("PredictRel"));
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      SQLException wrongLength =
          assertThrows(
              SQLException.class,
              () ->
                  statement
                      .executeQuery(
                          "SELECT count(*) FROM PREDICT(MODEL => 'iris_rf', DATA => (SELECT"
                              + " ARRAY[Sepal_Length, Sepal_Width, Petal_Length] AS float_input FROM iris))")
                      .next());
      assertTrue(
          wrongLength.getMessage().contains("an ARRAY of 3 values"), wrongLength.getMessage());
      assertStillWorks(statement);
    }
  }

  private String explain(String sql) throws SQLException {
    try (Connection connection = gateway.connect()) {
      return ResultRows.explain(connection, sql);
    }
  }

  @Test
  void badStatementsFailClearlyAndTheConnectionStaysUsable() throws SQLException {
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      SQLException syntax =
          assertThrows(
              SQLException.class,
              () -> statement.executeQuery("SELECT * FROM iris\nWHERE AND Species = 'setosa'"));
      assertTrue(syntax.getMessage().contains("line 2, column 7"), syntax.getMessage());
      assertStillWorks(statement);

      SQLException table =
          assertThrows(
              SQLException.class, () -> statement.executeQuery("SELECT * FROM no_such_table"));
      assertTrue(
          table.getMessage().contains("NO_SUCH_TABLE")
              || table.getMessage().contains("no_such_table"),
          table.getMessage());
      assertStillWorks(statement);

      SQLException model =
          assertThrows(
              SQLException.class,
              () ->
                  statement.executeQuery(
                      "SELECT * FROM PREDICT(MODEL => 'no_such_model', DATA => TABLE iris)"));
      assertTrue(
          model.getMessage().contains("Model 'no_such_model' does not exist"), model.getMessage());
      assertStillWorks(statement);

      SQLException binding =
          assertThrows(
              SQLException.class,
              () ->
                  statement.executeQuery(
                      "SELECT * FROM PREDICT(MODEL => 'iris_rf', DATA => TABLE iris)"));
      assertTrue(binding.getMessage().contains("float_input"), binding.getMessage());
      assertTrue(
          binding.getMessage().contains("Sepal_Length"),
          "lists the columns on offer: " + binding.getMessage());
      assertStillWorks(statement);
    }
  }

  @Test
  void showAndDescribeListTheCatalog() throws SQLException {
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      assertEquals(Set.of("iris", "titanic"), column(statement, "SHOW TABLES", 1));
      assertTrue(column(statement, "SHOW SCHEMAS", 1).contains("default"));
      assertEquals(Set.of("iris_rf", "titanic"), column(statement, "SHOW MODELS", 1));
      assertTrue(column(statement, "DESCRIBE iris", 1).contains("Sepal_Length"));
    }
  }

  private static void assertStillWorks(Statement statement) throws SQLException {
    try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM iris")) {
      assertTrue(rs.next());
      assertEquals(150, rs.getLong(1));
      assertFalse(rs.next());
    }
  }

  static Set<String> column(Statement statement, String sql, int column) throws SQLException {
    Set<String> values = new TreeSet<>();
    try (ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(column));
      }
    }
    return values;
  }
}
