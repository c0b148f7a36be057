package dev.scry.gateway.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.gateway.RunningGateway;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Window functions and prepared statements through the driver, on a small VALUES-based view of data. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WindowAndParameterTest {
  private static final String SALES =
      "(VALUES ('east', 1, 10), ('east', 2, 30), ('east', 3, 20), "
          + "('west', 1, 5), ('west', 2, 5), ('west', 3, CAST(NULL AS INTEGER))) AS s(region, seq, amount)";

  @TempDir static Path work;

  private RunningGateway gateway;
  private Connection connection;

  @BeforeAll
  void start() throws SQLException {
    gateway = RunningGateway.start(work);
    connection = gateway.connect();
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
  void rankingFunctions() throws SQLException {
    List<String> rows =
        rows(
            "SELECT region, seq, ROW_NUMBER() OVER (PARTITION BY region ORDER BY amount DESC, seq) AS rn,"
                + " RANK() OVER (PARTITION BY region ORDER BY amount DESC) AS rk,"
                + " DENSE_RANK() OVER (PARTITION BY region ORDER BY amount DESC) AS drk"
                + " FROM "
                + SALES
                + " ORDER BY region, seq");
    // DESC puts NULL last (Spark's and Scry's default), so west's NULL seq ranks third.
    assertEquals(
        List.of(
            "east|1|3|3|3",
            "east|2|1|1|1",
            "east|3|2|2|2",
            "west|1|1|1|1",
            "west|2|2|1|1",
            "west|3|3|3|2"),
        rows);
  }

  @Test
  void aggregatesOverFrames() throws SQLException {
    List<String> rows =
        rows(
            "SELECT region, seq,"
                + " SUM(amount) OVER (PARTITION BY region ORDER BY seq) AS run_total,"
                + " SUM(amount) OVER (PARTITION BY region ORDER BY seq ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS pair,"
                + " COUNT(amount) OVER (PARTITION BY region) AS n,"
                + " MAX(amount) OVER () AS top"
                + " FROM "
                + SALES
                + " ORDER BY region, seq");
    assertEquals(
        List.of(
            "east|1|10|10|3|30",
            "east|2|40|40|3|30",
            "east|3|60|50|3|30",
            "west|1|5|5|2|30",
            "west|2|10|10|2|30",
            "west|3|10|5|2|30"),
        rows);
  }

  @Test
  void lagAndLead() throws SQLException {
    List<String> rows =
        rows(
            "SELECT region, seq,"
                + " LAG(amount) OVER (PARTITION BY region ORDER BY seq) AS prv,"
                + " LEAD(amount, 1, -1) OVER (PARTITION BY region ORDER BY seq) AS nxt"
                + " FROM "
                + SALES
                + " ORDER BY region, seq");
    assertEquals(
        List.of(
            "east|1|null|30",
            "east|2|10|20",
            "east|3|30|-1",
            "west|1|null|5",
            "west|2|5|null",
            "west|3|5|-1"),
        rows);
  }

  @Test
  void unsupportedWindowFunctionIsNamed() {
    SQLException error =
        assertThrows(
            SQLException.class,
            () -> rows("SELECT COUNT(DISTINCT amount) OVER (PARTITION BY region) FROM " + SALES));
    assertTrue(error.getMessage().contains("COUNT"), error.getMessage());
  }

  @Test
  void preparedStatementRunsWithThreeParameterSets() throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT region, SUM(amount) AS total FROM "
                + SALES
                + " WHERE seq >= ? AND region = ? GROUP BY region")) {
      assertEquals(Types.INTEGER, statement.getParameterMetaData().getParameterType(1));
      assertEquals(List.of("east|60"), run(statement, 1, "east"));
      assertEquals(List.of("east|50"), run(statement, 2, "east"));
      // A value that would break SQL text if it were concatenated matches nothing instead.
      assertEquals(List.of(), run(statement, 1, "x' OR 'a' = 'a"));
    }
  }

  private static List<String> run(PreparedStatement statement, int seq, String region)
      throws SQLException {
    statement.setInt(1, seq);
    statement.setString(2, region);
    try (ResultSet results = statement.executeQuery()) {
      return rows(results);
    }
  }

  private List<String> rows(String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet results = statement.executeQuery(sql)) {
      return rows(results);
    }
  }

  private static List<String> rows(ResultSet results) throws SQLException {
    int width = results.getMetaData().getColumnCount();
    List<String> rows = new ArrayList<>();
    while (results.next()) {
      StringBuilder row = new StringBuilder();
      for (int i = 1; i <= width; i++) {
        row.append(i > 1 ? "|" : "").append(results.getObject(i));
      }
      rows.add(row.toString());
    }
    return rows;
  }
}
