package dev.scry.gateway.flight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.gateway.RunningGateway;
import dev.scry.gateway.config.ScryConfig;
import dev.scry.gateway.session.StatementObserver;
import dev.scry.gateway.session.StatementRecord;
import dev.scry.testing.TestData;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Query timeouts through Arrow's Flight SQL JDBC driver on a PREDICT that would run for minutes: the
 * gateway's {@code limits.query-timeout-seconds} ends the statement with HYT00 and stops its Spark
 * jobs, with or without the driver's own {@code setQueryTimeout}; the connection goes on. The Scry
 * driver over Avatica gets the same limit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlightQueryTimeoutTest {
  private static final int GATEWAY_TIMEOUT_SECONDS = 6;
  private static final long IDS = 20_000_000L;

  /** Minutes of scoring on 2 cores, in tasks that stop between batches when Spark kills them. */
  private static final String LONG_QUERY =
      "SELECT COUNT(*) FROM PREDICT(MODEL => 'iris_rf', DATA => (SELECT"
          + " ARRAY[CAST(MOD(id, 7) AS REAL), CAST(MOD(id, 5) AS REAL), CAST(MOD(id, 3) AS REAL), CAST(0.5 AS REAL)]"
          + " AS float_input FROM ids)) WHERE output_label = 3";

  @TempDir static Path work;

  private final List<StatementRecord> log = new CopyOnWriteArrayList<>();
  private RunningGateway gateway;

  @BeforeAll
  void start() throws SQLException {
    gateway =
        RunningGateway.startWithFlight(
            work,
            config ->
                new ScryConfig(
                    config.server(),
                    config.storage(),
                    config.warehouse(),
                    config.spark(),
                    false,
                    new ScryConfig.LimitsConfig(null, null, null, null, GATEWAY_TIMEOUT_SECONDS)),
            new StatementObserver() {
              @Override
              public void statementFinished(StatementRecord record) {
                log.add(record);
              }
            });
    Path ids = work.resolve("ids");
    gateway.spark().range(0, IDS, 1, 2).write().parquet(ids.toString());
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE EXTERNAL TABLE ids STORED AS PARQUET LOCATION '" + TestData.uri(ids) + "'");
      statement.execute(
          "CREATE MODEL iris_rf FROM '"
              + TestData.uri(TestData.model("skl2onnx_rf_iris.onnx"))
              + "'");
    }
  }

  @AfterAll
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  /**
   * Arrow's JDBC driver (18.3) bounds its own wait with {@code setQueryTimeout} and then drops the
   * call: the gateway hears of it while the first batch is computed and stops the statement as
   * cancelled (57014 in the statement log), well before its own timeout.
   */
  @Test
  void theDriversTimeoutEndsTheWaitAndTheDroppedCallStopsTheJobs() throws Exception {
    try (Connection connection = DriverManager.getConnection(gateway.flightUrl())) {
      int before = log.size();
      try (Statement statement = connection.createStatement()) {
        statement.setQueryTimeout(1);
        SQLException error =
            assertThrows(SQLException.class, () -> statement.executeQuery(LONG_QUERY));
        assertInstanceOf(SQLTimeoutException.class, rootCause(error), error.toString());
      }
      StatementRecord ended = awaitFlightRecord(before);
      assertEquals("ERROR 57014", ended.outcome(), ended.toString());
      awaitNoActiveJobs();
      try (Statement statement = connection.createStatement()) {
        assertEquals(3L, count(statement, "SELECT COUNT(*) FROM (VALUES 1, 2, 3) AS t(x)"));
      }
    }
  }

  @Test
  void theGatewaysTimeoutEndsTheStatementWithHyt00() throws Exception {
    try (Connection connection = DriverManager.getConnection(gateway.flightUrl());
        Statement statement = connection.createStatement()) {
      int before = log.size();
      SQLException error =
          assertThrows(SQLException.class, () -> statement.executeQuery(LONG_QUERY));
      String message = error.getMessage();
      assertTrue(message.contains("query timeout of " + GATEWAY_TIMEOUT_SECONDS + " s"), message);
      assertTrue(message.contains("SQLSTATE HYT00"), message);
      assertFalse(message.contains("Exception:"), message);

      StatementRecord ended = awaitFlightRecord(before);
      assertEquals("ERROR HYT00", ended.outcome(), ended.toString());
      awaitNoActiveJobs();

      // The session goes on with the next statement.
      assertEquals(3L, count(statement, "SELECT COUNT(*) FROM (VALUES 1, 2, 3) AS t(x)"));
    }
  }

  /** The limit lives in the session core: a JDBC client over Avatica gets it too. */
  @Test
  void theGatewaysTimeoutStopsAJdbcStatementToo() throws Exception {
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      SQLException error =
          assertThrows(SQLException.class, () -> statement.executeQuery(LONG_QUERY));
      assertInstanceOf(SQLTimeoutException.class, error, error.getMessage());
      assertEquals("HYT00", error.getSQLState(), error.getMessage());
      assertTrue(
          error.getMessage().contains("query timeout of " + GATEWAY_TIMEOUT_SECONDS + " s"),
          error.getMessage());
      awaitNoActiveJobs();
      assertEquals(3L, count(statement, "SELECT COUNT(*) FROM (VALUES 1, 2, 3) AS t(x)"));
    }
  }

  /** The first statement-log record of a Flight session after the first {@code before} records. */
  private StatementRecord awaitFlightRecord(int before) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      for (StatementRecord record : log.subList(before, log.size())) {
        if (record.connectionId().startsWith("flight-")) {
          return record;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no statement-log record of a Flight session: " + log);
  }

  private void awaitNoActiveJobs() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (gateway.spark().sparkContext().statusTracker().getActiveJobIds().length > 0) {
      assertTrue(System.nanoTime() < deadline, "Spark jobs still running a minute later");
      Thread.sleep(100);
    }
  }

  private static Throwable rootCause(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static long count(Statement statement, String sql) throws SQLException {
    try (ResultSet rows = statement.executeQuery(sql)) {
      assertTrue(rows.next());
      return ((Number) rows.getObject(1)).longValue();
    }
  }
}
