package dev.scry.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway killed (SIGKILL) while an INSERT into a Delta table and a Delta CTAS write their files: a
 * gateway started again on the same warehouse finds the inserted table at its previous version with
 * its rows and the CTAS's table absent (no commit, no catalog entry), the killed writes' files left
 * behind but named by no commit; a new INSERT commits the next version and the CTAS runs again.
 */
class DeltaKilledWriteTest {
  private static final String FLOWERS =
      "SELECT Sepal_Length, Sepal_Width, Petal_Length, Petal_Width, Species FROM iris";

  @TempDir Path work;

  @Test
  void killedWritesLeaveThePreviousVersion() throws Exception {
    String yaml =
        """
        server:
          host: 127.0.0.1
          port: 0
        storage:
          - name: testdata
            root: %s
        warehouse: %s
        spark:
          master: local[2]
          conf:
            spark.sql.shuffle.partitions: "2"
        """
            .formatted(TestData.root(), work.resolve("warehouse"));
    Path table = work.resolve("warehouse/default/flowers");
    Path created = work.resolve("warehouse/default/meadow");
    try (ChildGateway first = ChildGateway.start(work, yaml, List.of("-Xmx1g"), Map.of())) {
      try (Connection connection = DriverManager.getConnection(first.url());
          Statement statement = connection.createStatement()) {
        statement.execute(
            // Columns declared: no inference job before the writes.
            "CREATE EXTERNAL TABLE iris (_index_ INT, Sepal_Length DOUBLE, Sepal_Width DOUBLE,"
                + " Petal_Length DOUBLE, Petal_Width DOUBLE, Species VARCHAR) STORED AS CSV"
                + " LOCATION '"
                + TestData.uri(TestData.data("iris.csv"))
                + "' OPTIONS (header 'true')");
        assertEquals(
            150,
            statement.executeLargeUpdate("CREATE TABLE flowers STORED AS DELTA AS " + FLOWERS));
      }
      // 150^4 rows each: far more than can be written before the kill.
      CompletableFuture<Void> insert =
          untilKilled(
              first.url(),
              "INSERT INTO flowers SELECT a.Sepal_Length, b.Sepal_Width, c.Petal_Length,"
                  + " d.Petal_Width, a.Species FROM iris a, iris b, iris c, iris d");
      CompletableFuture<Void> ctas =
          untilKilled(
              first.url(),
              "CREATE TABLE meadow STORED AS DELTA AS SELECT a.Sepal_Length, b.Sepal_Width,"
                  + " c.Petal_Length, d.Petal_Width, a.Species FROM iris a, iris b, iris c, iris d");
      while (!hasStagedFiles(table) || !hasStagedFiles(created)) {
        assertFalse(insert.isDone(), "the INSERT ended before it wrote a file");
        assertFalse(ctas.isDone(), "the CTAS ended before it wrote a file");
        Thread.sleep(50);
      }
      first.kill();
      // The clients see their connections end; bounded in case they did not.
      insert.get(60, TimeUnit.SECONDS);
      ctas.get(60, TimeUnit.SECONDS);
    }
    assertFalse(Files.exists(created.resolve("_delta_log")), "no commit of the killed CTAS");
    assertTrue(hasStagedFiles(table), "the killed write left its files behind");
    assertEquals(
        List.of("00000000000000000000.json"), commitFiles(table), "no commit of the killed write");

    try (ChildGateway second = ChildGateway.start(work, yaml, List.of("-Xmx1g"), Map.of());
        Connection connection = DriverManager.getConnection(second.url());
        Statement statement = connection.createStatement()) {
      assertEquals(
          List.of("[150, 3]"),
          rows(statement, "SELECT COUNT(*), COUNT(DISTINCT Species) FROM flowers"));
      assertEquals(List.of("0|CREATE TABLE|150"), history(statement));
      assertEquals(
          50,
          statement.executeLargeUpdate(
              "INSERT INTO flowers " + FLOWERS + " WHERE Species = 'setosa'"));
      assertEquals(List.of("[200]"), rows(statement, "SELECT COUNT(*) FROM flowers"));
      assertEquals(List.of("1|WRITE|50", "0|CREATE TABLE|150"), history(statement));
      SQLException missing =
          assertThrows(SQLException.class, () -> rows(statement, "SELECT COUNT(*) FROM meadow"));
      assertEquals("42S02", missing.getSQLState(), missing.getMessage());
      assertEquals(
          150, statement.executeLargeUpdate("CREATE TABLE meadow STORED AS DELTA AS " + FLOWERS));
      assertEquals(List.of("[150]"), rows(statement, "SELECT COUNT(*) FROM meadow"));
    }
  }

  /** Runs {@code sql} on a connection of its own; the gateway is killed under it. */
  private static CompletableFuture<Void> untilKilled(String url, String sql) {
    return CompletableFuture.runAsync(
        () -> {
          try (Connection connection = DriverManager.getConnection(url);
              Statement statement = connection.createStatement()) {
            statement.executeLargeUpdate(sql);
          } catch (SQLException expected) {
            // The gateway is killed under it.
          }
        });
  }

  private static List<String> history(Statement statement) throws SQLException {
    List<String> lines = new ArrayList<>();
    try (ResultSet rs = statement.executeQuery("DESCRIBE HISTORY flowers")) {
      while (rs.next()) {
        lines.add(rs.getLong(1) + "|" + rs.getString(3) + "|" + rs.getLong(4));
      }
    }
    return lines;
  }

  private static List<String> rows(Statement statement, String sql) throws SQLException {
    try (ResultSet rs = statement.executeQuery(sql)) {
      return SortedLines.of(rs);
    }
  }

  private static boolean hasStagedFiles(Path table) throws IOException {
    Path staging = table.resolve("_scry_staging");
    if (!Files.isDirectory(staging)) {
      return false;
    }
    try (Stream<Path> walk = Files.walk(staging)) {
      return walk.anyMatch(p -> p.getFileName().toString().startsWith("part-"));
    }
  }

  private static List<String> commitFiles(Path table) throws IOException {
    try (Stream<Path> files = Files.list(table.resolve("_delta_log"))) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(name -> name.endsWith(".json"))
          .sorted()
          .toList();
    }
  }
}
