package dev.scry.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.testing.DeltaFixture;
import dev.scry.testing.ResultRows;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deletion vectors honoured: a partitioned Delta table deleted from twice as Delta writers with deletion
 * vectors delete (the files stay; each gets a {@code .bin} vector marking the deleted rows' positions,
 * the second delete's vectors replacing the first's) reads without the deleted rows, at the current
 * version and the ones before, and with pruning and skipping on top.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeltaDeletionVectorsTest {
  @TempDir static Path work;

  private RunningGateway gateway;
  private SparkSession spark;

  @BeforeAll
  void start() throws SQLException {
    gateway = RunningGateway.start(work);
    spark = gateway.spark();
    DeltaFixture table =
        DeltaFixture.createWithStats(
            spark, work.resolve("delta/vectors"), rows(), List.of("part"), Map.of());
    table.deleteWithDeletionVectors("id % 10 = 3");
    table.deleteWithDeletionVectors("id < 5 OR id = 150");
    execute(
        "CREATE EXTERNAL TABLE vectors STORED AS DELTA LOCATION '"
            + work.resolve("delta/vectors").toUri()
            + "'");
  }

  @AfterAll
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void deletedRowsAreNotRead() throws SQLException {
    String live = "NOT (id % 10 = 3) AND NOT (id < 5 OR id = 150)";
    assertEquals(expected(live, "TRUE"), query("SELECT id, part, amount FROM vectors"));
    assertEquals(List.of("[175]"), query("SELECT COUNT(*) FROM vectors"));
    assertEquals(
        expected(live, "part = 1 AND id > 100"),
        query("SELECT id, part, amount FROM vectors WHERE part = 1 AND id > 100"));
  }

  @Test
  void earlierVersionsHaveTheirOwnVectors() throws SQLException {
    assertEquals(List.of("[200]"), query("SELECT COUNT(*) FROM vectors FOR VERSION AS OF 0"));
    assertEquals(List.of("[180]"), query("SELECT COUNT(*) FROM vectors FOR VERSION AS OF 1"));
    assertEquals(
        expected("NOT (id % 10 = 3)", "TRUE"),
        query("SELECT id, part, amount FROM vectors FOR VERSION AS OF 1"));
  }

  @Test
  void pruningStillAppliesToFilesWithVectors() throws SQLException {
    String plan;
    try (Connection connection = gateway.connect()) {
      plan = ResultRows.explain(connection, "SELECT id FROM vectors WHERE part = 2");
    }
    assertTrue(plan.contains("files=[1 of 4]"), plan);
    assertEquals(List.of("[48]"), query("SELECT COUNT(*) FROM vectors WHERE part = 2"));
    // Also at an earlier version: the filter on the snapshot goes into the time-travel scan.
    try (Connection connection = gateway.connect()) {
      plan =
          ResultRows.explain(
              connection, "SELECT id FROM vectors FOR VERSION AS OF 1 WHERE part = 2");
    }
    assertTrue(plan.contains("as of version 1; files=[1 of 4]"), plan);
    assertEquals(
        List.of("[50]"), query("SELECT COUNT(*) FROM vectors FOR VERSION AS OF 1 WHERE part = 2"));
  }

  /** 200 rows in 4 partitions (one file each). */
  private Dataset<Row> rows() {
    return spark
        .range(0, 200)
        .selectExpr("id", "CAST(id % 4 AS INT) AS part", "CAST(id * 1.5 AS DOUBLE) AS amount");
  }

  private List<String> expected(String live, String condition) {
    List<String> lines = new ArrayList<>();
    for (Row row :
        rows().where(live).where(condition).select("id", "part", "amount").collectAsList()) {
      lines.add(List.of(row.get(0), row.get(1), row.get(2)).toString());
    }
    lines.sort(null);
    return lines;
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** Rows as sorted "[a, b, c]" lines of getObject values. */
  private List<String> query(String sql) throws SQLException {
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      return SortedLines.of(rs);
    }
  }
}
