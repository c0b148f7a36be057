package dev.scry.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.testing.ResultRows;
import dev.scry.testing.TestData;
import dev.scry.testing.TestTables;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Views as an analyst hands a model to a BI team: a view over PREDICT reads like a table, scores live
 * data, and plans as the inline query does (its filter reaches the scan, its partitions are pruned); it
 * is listed and described as a view; a view whose model is gone says so.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ViewsThroughJdbcTest {
  private static final String SCORED =
      "SELECT Species, output_label FROM PREDICT(MODEL => 'iris_rf', DATA => (SELECT Species,"
          + " ARRAY[CAST(Sepal_Length AS REAL), CAST(Sepal_Width AS REAL),"
          + " CAST(Petal_Length AS REAL), CAST(Petal_Width AS REAL)] AS float_input FROM iris))";

  @TempDir static Path work;

  private RunningGateway gateway;
  private Connection connection;

  @BeforeAll
  void start() throws SQLException {
    gateway = RunningGateway.start(work);
    Path events = work.resolve("events");
    gateway
        .spark()
        .range(0, 60)
        .withColumn("part", functions.col("id").mod(3).cast("int"))
        .write()
        .partitionBy("part")
        .parquet(events.toString());
    connection = gateway.connect();
    try (Statement statement = connection.createStatement()) {
      TestTables.registerIrisAndTitanic(statement);
      statement.execute(
          "CREATE EXTERNAL TABLE events STORED AS PARQUET LOCATION '"
              + TestData.uri(events)
              + "' PARTITIONED BY (part)");
      statement.execute("CREATE SCHEMA bi");
      statement.execute("CREATE VIEW bi.iris_scored AS " + SCORED);
      statement.execute("CREATE VIEW recent (event_id, part) AS SELECT id, part FROM events");
    }
  }

  @AfterAll
  void stop() throws SQLException {
    if (connection != null) {
      connection.close();
    }
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void aViewOverPredictAnswersAsItsQuery() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      List<List<Object>> viaView =
          ResultRows.of(
              statement.executeQuery(
                  "SELECT Species, output_label FROM bi.iris_scored WHERE Species = 'setosa'"
                      + " ORDER BY 1, 2"));
      List<List<Object>> inline =
          ResultRows.of(
              statement.executeQuery(
                  "SELECT * FROM (" + SCORED + ") WHERE Species = 'setosa' ORDER BY 1, 2"));
      assertEquals(50, viaView.size());
      assertEquals(inline, viaView);
    }
  }

  /** The view is expanded before push-down: the filter on it reaches the scan under the PREDICT. */
  @Test
  void aFilterOnTheViewIsPushedIntoTheScanBelowIt() throws SQLException {
    String plan = explain("SELECT * FROM bi.iris_scored WHERE Species = 'setosa'");
    assertTrue(plan.contains("Predict"), plan);
    assertTrue(plan.contains("pushed filters [") && plan.contains("setosa"), plan);
    String pruned = explain("SELECT event_id FROM recent WHERE part = 1");
    assertTrue(pruned.contains("partitions 1 of 3"), pruned);
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM recent WHERE part = 1")) {
      assertTrue(rows.next());
      assertEquals(20, rows.getLong(1));
    }
  }

  @Test
  void viewsAreListedAndDescribedAsViews() throws SQLException {
    DatabaseMetaData metadata = connection.getMetaData();
    try (ResultSet tables = metadata.getTables(null, "bi", "%", new String[] {"VIEW"})) {
      assertTrue(tables.next());
      assertEquals("iris_scored", tables.getString("TABLE_NAME"));
      assertEquals("VIEW", tables.getString("TABLE_TYPE"));
      assertFalse(tables.next());
    }
    try (ResultSet tables = metadata.getTables(null, "bi", "%", new String[] {"TABLE"})) {
      assertFalse(tables.next(), "a view is not a TABLE");
    }
    List<String> columns = new ArrayList<>();
    try (ResultSet rows = metadata.getColumns(null, "default", "recent", "%")) {
      while (rows.next()) {
        columns.add(rows.getString("COLUMN_NAME") + " " + rows.getString("TYPE_NAME"));
      }
    }
    assertEquals(List.of("event_id BIGINT", "part INTEGER"), columns);
    try (Statement statement = connection.createStatement()) {
      List<List<Object>> shown = ResultRows.of(statement.executeQuery("SHOW TABLES IN bi"));
      assertEquals("VIEW", shown.get(0).get(2), shown.toString());
      List<List<Object>> described = ResultRows.of(statement.executeQuery("DESCRIBE recent"));
      assertEquals("event_id", described.get(0).get(0));
      List<List<Object>> created = ResultRows.of(statement.executeQuery("SHOW CREATE VIEW recent"));
      String text = created.get(0).get(0).toString();
      assertTrue(text.startsWith("CREATE VIEW default.recent (\"event_id\", \"part\") AS"), text);
      statement.execute("CREATE TABLE from_text AS SELECT 1 AS x");
      // What SHOW CREATE VIEW gives makes the same view again, under another name.
      statement.execute(text.replace("default.recent", "recent_again"));
      assertEquals(
          ResultRows.of(statement.executeQuery("SELECT * FROM recent ORDER BY 1")),
          ResultRows.of(statement.executeQuery("SELECT * FROM recent_again ORDER BY 1")));
    }
  }

  @Test
  void replacingAndDroppingFollowTheCatalogRules() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE VIEW small AS SELECT 1 AS val_a");
      SQLException exists =
          assertThrows(
              SQLException.class,
              () -> statement.execute("CREATE VIEW small AS SELECT 2 AS val_b"));
      assertTrue(exists.getMessage().contains("CREATE OR REPLACE VIEW"), exists.getMessage());
      statement.execute("CREATE OR REPLACE VIEW small AS SELECT 2 AS val_b");
      assertEquals(2, count(statement, "SELECT val_b FROM small"));
      SQLException notATable =
          assertThrows(SQLException.class, () -> statement.execute("DROP TABLE small"));
      assertTrue(notATable.getMessage().contains("DROP VIEW"), notATable.getMessage());
      SQLException sameName =
          assertThrows(
              SQLException.class, () -> statement.execute("CREATE VIEW iris AS SELECT 1 AS x"));
      assertTrue(sameName.getMessage().contains("is a table"), sameName.getMessage());
      statement.execute("DROP VIEW small");
      statement.execute("DROP VIEW IF EXISTS small");
      SQLException gone =
          assertThrows(SQLException.class, () -> statement.execute("DROP VIEW small"));
      assertEquals("42S02", gone.getSQLState(), gone.getMessage());
    }
  }

  /** A model dropped under a view: reading the view names the view, the model and what to do. */
  @Test
  void aViewWhoseModelIsGoneSaysSo() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE MODEL doomed FROM '"
              + TestData.uri(TestData.model("skl2onnx_rf_iris.onnx"))
              + "'");
      statement.execute("CREATE VIEW doomed_scores AS " + SCORED.replace("iris_rf", "doomed"));
      assertEquals(150, count(statement, "SELECT COUNT(*) FROM doomed_scores"));
      statement.execute("DROP MODEL doomed");
      SQLException error =
          assertThrows(
              SQLException.class,
              () -> statement.executeQuery("SELECT * FROM doomed_scores").next());
      String message = error.getMessage();
      assertTrue(message.startsWith("View 'default.doomed_scores' cannot be read"), message);
      assertTrue(message.contains("doomed"), message);
      assertTrue(message.contains("CREATE OR REPLACE VIEW"), message);
    }
  }

  private String explain(String query) throws SQLException {
    return ResultRows.explain(connection, query);
  }

  private static long count(Statement statement, String sql) throws SQLException {
    try (ResultSet rows = statement.executeQuery(sql)) {
      assertTrue(rows.next());
      return rows.getLong(1);
    }
  }
}
