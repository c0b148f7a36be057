package dev.scry.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.gateway.config.ScryConfig;
import dev.scry.testing.TestData;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaStatement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code prefetch=true} the Scry driver asks for a result's next frame while the application reads the current one: one
 * frame ahead, never more; rows stay complete and in order when statements interleave on one
 * connection, and a statement closed or re-executed with a frame pending starts clean.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FramePrefetchThroughJdbcTest {
  private static final int MAX_ROWS_PER_FRAME = 50;
  private static final String QUERY =
      "SELECT * FROM iris ORDER BY Sepal_Length, Sepal_Width, Petal_Length, "
          + "Petal_Width, Species";

  @TempDir static Path work;

  private RunningGateway gateway;
  private final FrameSizes frameSizes = new FrameSizes();
  private List<String> allRows;

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
                    new ScryConfig.LimitsConfig(null, null, null, MAX_ROWS_PER_FRAME, null)),
            frameSizes);
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE EXTERNAL TABLE iris STORED AS CSV LOCATION '"
              + TestData.uri(TestData.data("iris.csv"))
              + "' OPTIONS (header 'true')");
      allRows = read(statement.executeQuery(QUERY), Integer.MAX_VALUE);
    }
    assertEquals(150, allRows.size());
  }

  @AfterAll
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void theNextFrameIsFetchedWhileTheCurrentIsReadOneAheadOnly() throws Exception {
    try (Connection connection = gateway.connect(fetchSize(10));
        Statement statement = connection.createStatement()) {
      int id = ((AvaticaStatement) statement).getId();
      try (ResultSet rs = statement.executeQuery(QUERY)) {
        // 50 rows in the first frame; the 51st makes the client fetch frame 2, which sends frame
        // 3's fetch ahead.
        List<String> rows = read(rs, 51);
        awaitFrames(id, 3);
        assertEquals(List.of(50, 10, 10), frameSizes.of(id), "one frame ahead, not more");
        rows.addAll(read(rs, Integer.MAX_VALUE));
        assertEquals(allRows, rows);
      }
      assertEquals(List.of(50, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10), frameSizes.of(id));
    }
  }

  @Test
  void interleavedStatementsOnOneConnectionKeepTheirRowsInOrder() throws SQLException {
    try (Connection connection = gateway.connect(fetchSize(7));
        Statement first = connection.createStatement();
        Statement second = connection.createStatement()) {
      try (ResultSet a = first.executeQuery(QUERY)) {
        List<String> rowsA = read(a, 60);
        List<String> rowsB = read(second.executeQuery(QUERY), Integer.MAX_VALUE);
        rowsA.addAll(read(a, Integer.MAX_VALUE));
        assertEquals(allRows, rowsA);
        assertEquals(allRows, rowsB);
      }
    }
  }

  @Test
  void aStatementClosedOrReExecutedWithAFramePendingStartsClean() throws SQLException {
    try (Connection connection = gateway.connect(fetchSize(5));
        Statement statement = connection.createStatement()) {
      try (ResultSet rs = statement.executeQuery(QUERY)) {
        assertEquals(allRows.subList(0, 55), read(rs, 55));
      }
      assertEquals(allRows, read(statement.executeQuery(QUERY), Integer.MAX_VALUE));
      ResultSet open = statement.executeQuery(QUERY);
      assertEquals(allRows.subList(0, 52), read(open, 52));
      statement.close();
      assertTrue(open.isClosed());
      try (Statement again = connection.createStatement()) {
        assertEquals(allRows, read(again.executeQuery(QUERY), Integer.MAX_VALUE));
      }
    }
  }

  private static Properties fetchSize(int rows) {
    Properties properties = new Properties();
    properties.setProperty("fetch_size", Integer.toString(rows));
    properties.setProperty("prefetch", "true");
    return properties;
  }

  private static List<String> read(ResultSet rs, int max) throws SQLException {
    List<String> rows = new ArrayList<>();
    while (rows.size() < max && rs.next()) {
      rows.add(
          rs.getString(1)
              + "|"
              + rs.getString(2)
              + "|"
              + rs.getString(3)
              + "|"
              + rs.getString(4)
              + "|"
              + rs.getString(5));
    }
    return rows;
  }

  /** Waits (bounded) for the background fetch to reach the gateway; the assertion after it is on content. */
  private void awaitFrames(int statementId, int frames) throws InterruptedException {
    for (int i = 0; i < 600 && frameSizes.of(statementId).size() < frames; i++) {
      Thread.sleep(50);
    }
  }
}
