package dev.scry.gateway.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.gateway.ClientMessages;
import dev.scry.gateway.RunningGateway;
import dev.scry.testing.TestData;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lake goes away under a running gateway (the emulator is stopped): a query of a lake table fails
 * with SQLSTATE 58030 within the retry budget, naming the account, container and path; the gateway
 * keeps answering everything else; once the emulator is back, the same query succeeds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StorageOutageTest {
  /**
   * The default retry budget fails a refused connection in about 5 s (docs/configuration.md); a query
   * may meet it twice (listing, then reading). Far above that, far below hadoop-azure's own defaults.
   */
  private static final Duration BOUND = Duration.ofSeconds(45);

  private static final String TABLE_URI = TestLake.uri(Azurite.DEV_ACCOUNT, "outage", "iris/");

  /** A table never read before the outage: its folder is listed, not only its files read. */
  private static final String UNLISTED_URI =
      TestLake.uri(Azurite.DEV_ACCOUNT, "outage", "unlisted/");

  @TempDir static Path work;

  private TestLake lake;
  private RunningGateway gateway;

  @BeforeAll
  void start() throws Exception {
    lake = TestLake.start(work);
    gateway =
        RunningGateway.start(
            RunningGateway.config(
                work, lake.storage(), work.resolve("warehouse").toString(), false));
    lake.upload(
        gateway.spark().sparkContext().hadoopConfiguration(),
        TestData.data("iris.csv"),
        TABLE_URI + "iris.csv");
    lake.upload(
        gateway.spark().sparkContext().hadoopConfiguration(),
        TestData.data("iris.csv"),
        UNLISTED_URI + "iris.csv");
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE EXTERNAL TABLE lake_iris STORED AS CSV LOCATION '"
              + TABLE_URI
              + "' OPTIONS (header 'true')");
      statement.execute(
          "CREATE EXTERNAL TABLE unlisted_iris (Sepal_Length DOUBLE, Species VARCHAR) STORED AS CSV"
              + " LOCATION '"
              + UNLISTED_URI
              + "' OPTIONS (header 'true')");
    }
  }

  @AfterAll
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
    if (lake != null) {
      lake.close();
    }
  }

  @Test
  void aQueryFailsWith58030WithinTheBudgetAndWorksOnceTheLakeIsBack() throws Exception {
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      // Within the listing's TTL the result cache would answer the repeated query from the first
      // run without touching the lake: off, so that the query reaches the stopped emulator.
      statement.execute("SET result_cache = off");
      assertEquals(150, count(statement, "SELECT COUNT(*) FROM lake_iris"));

      lake.stopEmulator();
      long started = System.nanoTime();
      SQLException error =
          assertThrows(
              SQLException.class, () -> count(statement, "SELECT COUNT(*) FROM lake_iris"));
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      String message = error.getMessage();
      assertEquals("58030", error.getSQLState(), message);
      assertTrue(took.compareTo(BOUND) < 0, "failed after " + took + ": " + message);
      assertTrue(message.contains("'" + Azurite.DEV_ACCOUNT + "'"), message);
      assertTrue(message.contains("outage@" + Azurite.DEV_ACCOUNT), message);
      assertTrue(message.contains("could not be reached"), message);
      assertEquals(Optional.empty(), ClientMessages.javaText(message), message);
      System.out.println(
          "StorageOutageTest: the query failed after " + took.toMillis() + " ms: " + message);

      SQLException listing =
          assertThrows(
              SQLException.class, () -> count(statement, "SELECT COUNT(*) FROM unlisted_iris"));
      assertEquals("58030", listing.getSQLState(), listing.getMessage());
      assertTrue(
          listing.getMessage().contains("outage@" + Azurite.DEV_ACCOUNT), listing.getMessage());
      System.out.println("StorageOutageTest: listing failed with: " + listing.getMessage());

      // The gateway itself is up: what does not need the lake still runs.
      assertEquals(3, count(statement, "SELECT COUNT(*) FROM (VALUES 1, 2, 3) AS t(x)"));

      lake.restartEmulator();
      assertEquals(150, count(statement, "SELECT COUNT(*) FROM lake_iris"));
    }
  }

  private static long count(Statement statement, String sql) throws SQLException {
    try (ResultSet rows = statement.executeQuery(sql)) {
      assertTrue(rows.next());
      return rows.getLong(1);
    }
  }
}
