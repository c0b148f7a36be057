package dev.scry.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP requests the driver sends for a query: one per execution of a prepared statement whose rows
 * fit the first frame, and no connection sync before each statement once the connection's properties
 * are in step (the gateway used to answer every sync as still dirty, so the client synced again before
 * every statement). A property the client changes is still sent and applied.
 */
class RoundTripsTest {
  @TempDir static Path work;
  private static RunningGateway gateway;

  @BeforeAll
  static void start() {
    gateway = RunningGateway.start(work, true);
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @BeforeEach
  void clear() {
    RequestCountingHttpClient.SENT.clear();
  }

  @Test
  void aPreparedPointQueryIsOneRequestPerExecution() throws SQLException {
    try (Connection connection = connect();
        PreparedStatement point =
            connection.prepareStatement(
                "SELECT customer_id FROM demo.customers WHERE customer_id = ?")) {
      for (long id = 1; id <= 3; id++) {
        RequestCountingHttpClient.SENT.clear();
        point.setLong(1, id);
        try (ResultSet rows = point.executeQuery()) {
          assertTrue(rows.next(), "customer " + id);
          assertEquals(id, rows.getLong(1));
          assertTrue(!rows.next());
        }
        assertEquals(
            List.of("Execute"), RequestCountingHttpClient.SENT, "requests of execution " + id);
      }
    }
  }

  @Test
  void statementsAfterTheFirstSendNoConnectionSync() throws SQLException {
    try (Connection connection = connect()) {
      count(connection, "SELECT count(*) FROM demo.customers");
      RequestCountingHttpClient.SENT.clear();
      assertTrue(count(connection, "SELECT count(*) FROM demo.customers") > 0);
      assertEquals(
          List.of("CreateStatement", "PrepareAndExecute", "CloseStatement"),
          RequestCountingHttpClient.SENT);
    }
  }

  @Test
  void aChangedSchemaIsStillSentAndApplied() throws SQLException {
    try (Connection connection = connect()) {
      count(connection, "SELECT count(*) FROM demo.customers");
      connection.setSchema("demo");
      RequestCountingHttpClient.SENT.clear();
      assertTrue(
          count(connection, "SELECT count(*) FROM customers") > 0,
          "unqualified name in schema demo");
      assertTrue(
          RequestCountingHttpClient.SENT.contains("ConnectionSync"),
          RequestCountingHttpClient.SENT.toString());
      assertEquals("demo", connection.getSchema());
    }
  }

  private static Connection connect() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("httpclient_impl", RequestCountingHttpClient.class.getName());
    return gateway.connect(properties);
  }

  private static long count(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
