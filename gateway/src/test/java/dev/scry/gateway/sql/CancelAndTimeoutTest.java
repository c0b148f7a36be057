package dev.scry.gateway.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.gateway.RunningGateway;
import dev.scry.testing.TestData;
import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Statement.cancel() and setQueryTimeout through the driver stop the query's Spark jobs on the gateway. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CancelAndTimeoutTest {
  private static final String DIGITS = "(VALUES 0, 1, 2, 3, 4, 5, 6, 7, 8, 9)";
  private static final long IDS = 20_000_000L;

  /**
   * Scoring twenty million rows: minutes of work on 2 cores, in tasks that stop as soon as Spark kills
   * them (the Parquet scan and the scorer check between rows and batches). A cross join of VALUES would
   * be slower still, but it runs in one generated loop that never checks: its killed tasks ran on for
   * minutes and held up every later query on this 2-core machine.
   */
  private static final String LONG_QUERY =
      "SELECT COUNT(*) FROM PREDICT(MODEL => 'iris_rf', DATA => (SELECT"
          + " ARRAY[CAST(MOD(id, 7) AS REAL), CAST(MOD(id, 5) AS REAL), CAST(MOD(id, 3) AS REAL), CAST(0.5 AS REAL)]"
          + " AS float_input FROM ids)) WHERE output_label = 3";

  @TempDir static Path work;

  private RunningGateway gateway;
  private Connection connection;

  @BeforeAll
  void start() throws SQLException {
    gateway = RunningGateway.start(work);
    Path ids = work.resolve("ids");
    gateway.spark().range(0, IDS, 1, 2).write().parquet(ids.toString());
    connection = gateway.connect();
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE EXTERNAL TABLE ids STORED AS PARQUET LOCATION '" + TestData.uri(ids) + "'");
      statement.execute(
          "CREATE MODEL iris_rf FROM '"
              + TestData.uri(TestData.model("skl2onnx_rf_iris.onnx"))
              + "'");
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
  void cancelFromAnotherThreadStopsTheQueryAndTheConnectionStaysUsable() throws Exception {
    try (Statement statement = connection.createStatement()) {
      CompletableFuture<Void> canceller =
          CompletableFuture.runAsync(
              () -> {
                try {
                  statement.cancel();
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                }
              },
              CompletableFuture.delayedExecutor(2, TimeUnit.SECONDS));
      long started = System.nanoTime();
      SQLException error =
          assertThrows(SQLException.class, () -> statement.executeQuery(LONG_QUERY));
      assertTrue(error.getMessage().contains("cancelled"), error.getMessage());
      assertEquals("57014", error.getSQLState(), error.getMessage());
      canceller.get(30, TimeUnit.SECONDS);
      // A generous bound: without the cancel the query runs for hours.
      assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 60);

      // The same statement and the same connection run the next query.
      assertEquals(3, count(statement, "SELECT COUNT(*) FROM (VALUES 1, 2, 3) AS t(x)"));
    }
    try (Statement other = connection.createStatement()) {
      assertEquals(10, count(other, "SELECT COUNT(*) FROM " + DIGITS + " AS t(x)"));
    }
  }

  /** A batch runs each statement as an operation of its own, under its own job group: cancel stops it too. */
  @Test
  void cancelStopsARunningBatch() throws Exception {
    try (Statement statement = connection.createStatement()) {
      statement.addBatch("CREATE TABLE counted_first AS SELECT 1 AS x");
      statement.addBatch("CREATE TABLE counted_long AS " + LONG_QUERY);
      CompletableFuture<Void> canceller =
          CompletableFuture.runAsync(
              () -> {
                try {
                  statement.cancel();
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                }
              },
              CompletableFuture.delayedExecutor(4, TimeUnit.SECONDS));
      long started = System.nanoTime();
      BatchUpdateException error =
          assertThrows(BatchUpdateException.class, statement::executeBatch);
      assertTrue(error.getMessage().contains("cancelled"), error.getMessage());
      assertEquals("57014", error.getSQLState(), error.getMessage());
      canceller.get(30, TimeUnit.SECONDS);
      assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 60);
      assertEquals(1, count(statement, "SELECT COUNT(*) FROM counted_first"));
    }
  }

  @Test
  void queryTimeoutStopsTheQuery() throws Exception {
    try (Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(2);
      long started = System.nanoTime();
      SQLException error =
          assertThrows(SQLException.class, () -> statement.executeQuery(LONG_QUERY));
      assertInstanceOf(SQLTimeoutException.class, error);
      assertEquals("HYT00", error.getSQLState(), error.getMessage());
      assertTrue(error.getMessage().contains("timeout of 2 s"), error.getMessage());
      assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 60);

      // The statement stays usable after a timeout. The timeout is lifted first: on a loaded
      // machine even
      // a quick query can take longer than 2 s, and this test is about usability, not speed.
      statement.setQueryTimeout(0);
      assertEquals(3, count(statement, "SELECT COUNT(*) FROM (VALUES 1, 2, 3) AS t(x)"));
    }
  }

  @Test
  void preparedStatementHonoursTimeoutAndRunsAgain() throws Exception {
    try (PreparedStatement statement =
        connection.prepareStatement(LONG_QUERY.replace("= 3", "= ?"))) {
      statement.setQueryTimeout(2);
      statement.setInt(1, 3);
      SQLException error = assertThrows(SQLException.class, statement::executeQuery);
      assertInstanceOf(SQLTimeoutException.class, error);
    }
    try (PreparedStatement quick =
        connection.prepareStatement("SELECT COUNT(*) FROM " + DIGITS + " AS t(x) WHERE x < ?")) {
      quick.setInt(1, 4);
      try (ResultSet rows = quick.executeQuery()) {
        assertTrue(rows.next());
        assertEquals(4, rows.getLong(1));
      }
    }
  }

  private static long count(Statement statement, String sql) throws SQLException {
    try (ResultSet rows = statement.executeQuery(sql)) {
      assertTrue(rows.next());
      return rows.getLong(1);
    }
  }
}
