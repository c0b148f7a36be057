package dev.scry.gateway.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.gateway.RunningGateway;
import dev.scry.testing.TestData;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scry.queries}, {@code scry.sessions} and {@code scry.model_usage} read through the Scry driver
 * while and after PREDICTs run: a running statement's progress, its figures once finished, a cancelled
 * one, and no parameter value or literal anywhere in them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SystemTablesTest {
  private static final int ROWS = 600_000;
  private static final int PARTITIONS = 16;

  @TempDir static Path work;

  private RunningGateway gateway;

  @BeforeAll
  void start() throws SQLException {
    gateway = RunningGateway.start(work);
    Path data = work.resolve("big");
    // Sixteen files, so a PREDICT over them runs as sixteen tasks whose progress can be watched.
    gateway
        .spark()
        .range(0, ROWS, 1, PARTITIONS)
        .selectExpr(
            "array(cast(id % 7 AS float), cast(id % 5 AS float), cast(id % 3 AS float),"
                + " cast(id % 2 AS float)) AS float_input")
        .write()
        .parquet(data.toString());
    String model = TestData.uri(TestData.model("skl2onnx_rf_iris.onnx"));
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE EXTERNAL TABLE big STORED AS PARQUET LOCATION '" + TestData.uri(data) + "'");
      // Small batches make scoring slow enough to watch.
      statement.execute("CREATE MODEL slow FROM '" + model + "' WITH (batch_size = 32)");
      statement.execute("CREATE MODEL stopped FROM '" + model + "' WITH (batch_size = 32)");
    }
  }

  @AfterAll
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void aRunningPredictShowsItsProgressThenItsFigures() throws Exception {
    String sql =
        "SELECT output_label AS progress_label, count(*) AS n"
            + " FROM PREDICT(MODEL => 'slow', DATA => TABLE big) GROUP BY output_label";
    CompletableFuture<Long> groups =
        CompletableFuture.supplyAsync(
            () -> {
              try (Connection connection = gateway.connect();
                  Statement statement = connection.createStatement();
                  ResultSet rs = statement.executeQuery(sql)) {
                long count = 0;
                while (rs.next()) {
                  count++;
                }
                return count;
              } catch (SQLException e) {
                throw new IllegalStateException(e);
              }
            });
    List<Integer> doneSeen = new ArrayList<>();
    int total = 0;
    try (Connection connection = gateway.connect()) {
      while (!groups.isDone()) {
        Map<String, Object> running = row(connection, "progress_label", "RUNNING");
        if (running != null && running.get("tasks_total") != null) {
          int done = (Integer) running.get("tasks_done");
          total = (Integer) running.get("tasks_total");
          if (total > 0 && done < total) {
            doneSeen.add(done);
          }
        }
        Thread.sleep(100);
      }
      long rowsReturned = groups.get(2, TimeUnit.MINUTES);
      // Seen while running with its task counts; a rise from one sample to the next is not asked
      // for:
      // when the stage has no more tasks than cores they end together (and Spark may pack the
      // sixteen
      // files into a few tasks).
      assertFalse(doneSeen.isEmpty(), "the running statement was seen with its task counts");
      for (int i = 1; i < doneSeen.size(); i++) {
        assertTrue(doneSeen.get(i) >= doneSeen.get(i - 1), "progress never goes back: " + doneSeen);
      }
      Map<String, Object> finished = row(connection, "progress_label", "FINISHED");
      assertNotNull(finished, "the finished statement is kept");
      assertEquals(rowsReturned, finished.get("rows_returned"));
      assertEquals(finished.get("tasks_total"), finished.get("tasks_done"));
      assertTrue((Integer) finished.get("tasks_total") >= 2, finished.toString());
      assertTrue((Long) finished.get("duration_ms") > 0);
      assertEquals("jdbc", finished.get("protocol"));
      assertEquals("anonymous", finished.get("user_name"));
      assertEquals(null, finished.get("sqlstate"));
      assertTrue(
          ((String) finished.get("sql_digest")).startsWith("SELECT output_label AS progress_label"),
          finished.toString());

      Map<String, Object> usage = modelUsage(connection, "slow");
      assertEquals((long) ROWS, usage.get("rows_scored"));
      assertTrue((Long) usage.get("batches") >= ROWS / 32);
      assertTrue((Double) usage.get("mean_batch_ms") > 0);
      assertTrue((Double) usage.get("p95_batch_ms") >= (Double) usage.get("mean_batch_ms") / 10);
      assertEquals(0L, usage.get("errors"));
      assertNotNull(usage.get("last_used"));
    }
  }

  @Test
  void aCancelledStatementShowsAsCancelled() throws Exception {
    try (Connection connection = gateway.connect();
        Statement slow = connection.createStatement();
        Connection watcher = gateway.connect()) {
      CompletableFuture<SQLException> failure =
          CompletableFuture.supplyAsync(
              () ->
                  assertThrows(
                      SQLException.class,
                      () ->
                          slow.executeQuery(
                              "SELECT output_label AS cancel_me, count(*) AS n FROM"
                                  + " PREDICT(MODEL => 'stopped', DATA => TABLE big)"
                                  + " GROUP BY output_label")));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (row(watcher, "cancel_me", "RUNNING") == null) {
        assertTrue(System.nanoTime() < deadline, "the statement never showed as running");
        Thread.sleep(50);
      }
      slow.cancel();
      assertEquals("57014", failure.get(1, TimeUnit.MINUTES).getSQLState());
      Map<String, Object> cancelled = row(watcher, "cancel_me", "CANCELLED");
      assertNotNull(cancelled, "the cancelled statement is listed as cancelled");
      assertEquals("57014", cancelled.get("sqlstate"));
    }
  }

  @Test
  void noParameterValueOrLiteralAppearsInAnyColumn() throws Exception {
    String parameter = "Zebra-Parameter-7731";
    String literal = "Literal-Secret-5512";
    try (Connection connection = gateway.connect()) {
      try (PreparedStatement prepared =
          connection.prepareStatement(
              "SELECT count(*) FROM big WHERE CAST(? AS VARCHAR) = 'never'")) {
        prepared.setString(1, parameter);
        try (ResultSet rs = prepared.executeQuery()) {
          assertTrue(rs.next());
        }
      }
      try (Statement statement = connection.createStatement();
          ResultSet rs =
              statement.executeQuery("SELECT '" + literal + "' AS shown, 42 AS answer")) {
        assertTrue(rs.next());
      }
      int cells = 0;
      boolean digestSeen = false;
      for (String table : List.of("scry.queries", "scry.sessions", "scry.model_usage")) {
        try (Statement statement = connection.createStatement();
            ResultSet rs = statement.executeQuery("SELECT * FROM " + table)) {
          while (rs.next()) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
              Object value = rs.getObject(i);
              String text = String.valueOf(value);
              assertFalse(text.contains(parameter), table + " holds the parameter: " + text);
              assertFalse(text.contains(literal), table + " holds the literal: " + text);
              digestSeen |= text.equals("SELECT ? AS shown, ? AS answer");
              cells++;
            }
          }
        }
      }
      assertTrue(cells > 0);
      assertTrue(digestSeen, "the literal statement's digest has its literals replaced");
    }
  }

  @Test
  void sessionsListTheOpenConnections() throws Exception {
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT user_name, protocol, open_statements FROM scry.sessions"
                    + " WHERE protocol = 'jdbc'")) {
      assertTrue(rs.next());
      assertEquals("anonymous", rs.getObject(1));
      assertTrue((Integer) rs.getObject(3) >= 1);
    }
  }

  /** The newest statement in {@code state} whose digest names {@code marker}, as column → value. */
  private static Map<String, Object> row(Connection connection, String marker, String state)
      throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT * FROM scry.queries WHERE state = ? AND sql_digest LIKE ?"
                + " AND sql_digest NOT LIKE '%scry.queries%'")) {
      query.setString(1, state);
      query.setString(2, "%" + marker + "%");
      try (ResultSet rs = query.executeQuery()) {
        return rs.next() ? columns(rs) : null;
      }
    }
  }

  private static Map<String, Object> modelUsage(Connection connection, String model)
      throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement("SELECT * FROM scry.model_usage WHERE model_name = ?")) {
      query.setString(1, model);
      try (ResultSet rs = query.executeQuery()) {
        assertTrue(rs.next(), "model " + model + " is in scry.model_usage");
        return columns(rs);
      }
    }
  }

  private static Map<String, Object> columns(ResultSet rs) throws SQLException {
    Map<String, Object> values = new HashMap<>();
    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
      values.put(
          rs.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), rs.getObject(i));
    }
    return values;
  }
}
