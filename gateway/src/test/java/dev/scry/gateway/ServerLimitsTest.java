package dev.scry.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.gateway.config.ScryConfig;
import dev.scry.testing.TestData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.AvaticaStatement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's limits as configured under {@code limits:}, frames as the client's fetch size asks, and
 * both of Avatica's serializations on one port.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerLimitsTest {
  private static final int MAX_CONNECTIONS = 3;
  private static final int MAX_STATEMENTS = 4;
  private static final int MAX_ROWS_PER_FRAME = 50;

  @TempDir static Path work;

  private RunningGateway gateway;
  private final FrameSizes frameSizes = new FrameSizes();

  @BeforeAll
  void start() throws SQLException {
    gateway =
        RunningGateway.start(
            work,
            false,
            config ->
                new ScryConfig(
                    config.server(),
                    config.storage(),
                    config.warehouse(),
                    config.spark(),
                    false,
                    new ScryConfig.LimitsConfig(
                        MAX_CONNECTIONS, MAX_STATEMENTS, 2, MAX_ROWS_PER_FRAME, null)),
            frameSizes);
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE EXTERNAL TABLE iris STORED AS CSV LOCATION '"
              + TestData.uri(TestData.data("iris.csv"))
              + "' OPTIONS (header 'true')");
    }
  }

  @AfterAll
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  /**
   * Avatica's client does not send its fetch size with the execute request, so the first frame holds
   * the gateway's maximum; every fetch after it asks for, and gets, the fetch size.
   */
  @Test
  void fetchSizeTenGivesFramesOfTen() throws SQLException {
    assertEquals(List.of(50, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10), frames(10));
  }

  /** The Scry driver asks for 5,000 rows per frame unless told otherwise (Avatica's client asks for 100). */
  @Test
  void theDriversFetchSizeDefaultsToFiveThousandRowsAndFollowsTheProperty() throws SQLException {
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      assertEquals(5000, statement.getFetchSize());
    }
    Properties properties = new Properties();
    properties.setProperty("fetch_size", "10");
    try (Connection connection = gateway.connect(properties);
        Statement statement = connection.createStatement()) {
      assertEquals(10, statement.getFetchSize());
      try (ResultSet rs = statement.executeQuery("SELECT * FROM iris")) {
        while (rs.next()) {
          assertTrue(rs.getString(5) != null);
        }
      }
      assertEquals(
          List.of(50, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10),
          frameSizes.of(((AvaticaStatement) statement).getId()));
    }
  }

  @Test
  void framesNeverExceedTheConfiguredMaximum() throws SQLException {
    assertEquals(List.of(50, 50, 50), frames(1000));
    assertEquals(List.of(50, 50, 50), frames(0));
  }

  private List<Integer> frames(int fetchSize) throws SQLException {
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      statement.setFetchSize(fetchSize);
      int rows = 0;
      try (ResultSet rs = statement.executeQuery("SELECT * FROM iris")) {
        while (rs.next()) {
          rows++;
        }
      }
      assertEquals(150, rows);
      return frameSizes.of(((AvaticaStatement) statement).getId());
    }
  }

  @Test
  void theConnectionPastTheMaximumGetsAClearError() throws Exception {
    awaitOpenConnections(0);
    List<Connection> open = new ArrayList<>();
    try {
      for (int i = 0; i < MAX_CONNECTIONS; i++) {
        open.add(gateway.connect());
      }
      SQLException error = assertThrows(SQLException.class, () -> gateway.connect().close());
      assertTrue(
          error
              .getMessage()
              .contains("Too many connections: the gateway allows 3 open connections"),
          error.getMessage());
      assertEquals("08004", error.getSQLState(), error.getMessage());
    } finally {
      for (Connection connection : open) {
        connection.close();
      }
    }
    gateway.connect().close();
  }

  @Test
  void theStatementPastTheMaximumGetsAClearError() throws SQLException {
    try (Connection connection = gateway.connect()) {
      for (int i = 0; i < MAX_STATEMENTS; i++) {
        connection.createStatement();
      }
      // Avatica's client reports a failed createStatement unchecked; the Scry driver as an
      // SQLException.
      SQLException error = assertThrows(SQLException.class, connection::createStatement);
      assertTrue(
          error.getMessage().contains("Too many open statements on this connection"),
          error.getMessage());
      assertEquals("53400", error.getSQLState(), error.getMessage());
    }
  }

  /** The gateway opens a statement for each prepare; one that fails to plan must not stay open. */
  @Test
  void failedPreparesDoNotUseUpTheStatementLimit() throws SQLException {
    try (Connection connection = gateway.connect()) {
      for (int i = 0; i < 3 * MAX_STATEMENTS; i++) {
        assertThrows(
            SQLException.class,
            () -> connection.prepareStatement("SELECT no_such_column FROM iris"));
      }
      try (var prepared = connection.prepareStatement("SELECT COUNT(*) FROM iris");
          ResultSet rows = prepared.executeQuery()) {
        assertTrue(rows.next());
        assertEquals(150, rows.getLong(1));
      }
    }
  }

  @Test
  void anIdleConnectionExpires() throws Exception {
    Connection idle = gateway.connect();
    try (Statement statement = idle.createStatement();
        ResultSet rs = statement.executeQuery("SELECT 1")) {
      assertTrue(rs.next());
    }
    awaitOpenConnections(0);
    SQLException error =
        assertThrows(SQLException.class, () -> idle.createStatement().executeQuery("SELECT 1"));
    assertTrue(
        error.getMessage().contains("expired after 2 s without requests"), error.getMessage());
    assertEquals("08003", error.getSQLState(), error.getMessage());
  }

  @Test
  void protobufAndJsonGiveTheSameResults() throws SQLException {
    assertEquals(answers(gateway.avaticaUrl("protobuf")), answers(gateway.avaticaUrl("json")));
    assertEquals(answers(gateway.url()), answers(gateway.avaticaUrl("json")));
  }

  private static List<String> answers(String url) throws SQLException {
    List<String> answers = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      statement.setFetchSize(7);
      try (ResultSet rs =
          statement.executeQuery(
              "SELECT Species, COUNT(*) AS n, AVG(Petal_Length) AS avg_length, MIN(Sepal_Width) AS w "
                  + "FROM iris GROUP BY Species ORDER BY Species")) {
        while (rs.next()) {
          answers.add(
              rs.getString(1)
                  + "|"
                  + rs.getLong(2)
                  + "|"
                  + rs.getDouble(3)
                  + "|"
                  + rs.getDouble(4));
        }
      }
      try (ResultSet rs =
          statement.executeQuery(
              "SELECT * FROM iris ORDER BY Sepal_Length, Sepal_Width, Species")) {
        while (rs.next()) {
          answers.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(5));
        }
      }
      try (ResultSet rs = connection.getMetaData().getColumns(null, "default", "iris", null)) {
        while (rs.next()) {
          answers.add(
              rs.getString("COLUMN_NAME")
                  + "|"
                  + rs.getInt("DATA_TYPE")
                  + "|"
                  + rs.getInt("ORDINAL_POSITION"));
        }
      }
    }
    assertTrue(answers.size() > 150, "answers " + answers.size());
    return answers;
  }

  private void awaitOpenConnections(int expected) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    Pattern connections = Pattern.compile("\"connections\":(\\d+)");
    int open = -1;
    for (int attempt = 0; attempt < 600 && open != expected; attempt++) {
      if (attempt > 0) {
        Thread.sleep(100);
      }
      HttpResponse<String> health =
          client.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/health"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, health.statusCode());
      Matcher matcher = connections.matcher(health.body());
      assertTrue(matcher.find(), health.body());
      open = Integer.parseInt(matcher.group(1));
    }
    assertEquals(expected, open, "open connections");
  }
}
