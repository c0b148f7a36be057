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
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.StorageStatistics;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Partition pruning and file skipping from a Delta log, through the driver: a table with {@value
 * #FILES} partitions and one whose {@value #FILES} files hold disjoint ranges of {@code id} (written
 * sorted, with min/max statistics in the log), plus a file without statistics and one with NULLs. A
 * filter on one partition, or on one file's range, reads at most 1.2/{@value #FILES} of the bytes of the
 * whole scan (Hadoop's FileSystem statistics for {@code file:}, as PartitionPruningThroughJdbcTest
 * measures), EXPLAIN says {@code files=[k of n]}, and every filtered result equals the unfiltered rows
 * filtered: a file without statistics, and NULLs, are never skipped wrongly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeltaPruningTest {
  private static final int FILES = 8;
  private static final long ROWS_PER_FILE = 10_000;
  private static final String VECTORED_IO = "parquet.hadoop.vectored.io.enabled";
  private static final String ALL_COLUMNS = "SUM(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + id)";

  @TempDir static Path work;

  private RunningGateway gateway;
  private SparkSession spark;

  /** Every row of the table {@code ranges}, as written. */
  private Dataset<Row> rangeRows;

  @BeforeAll
  void start() throws SQLException {
    gateway = RunningGateway.start(work);
    spark = gateway.spark();
    DeltaFixture.createWithStats(
        spark,
        work.resolve("delta/parts"),
        wide(0, FILES * ROWS_PER_FILE).selectExpr("*", "CAST(id % " + FILES + " AS INT) AS part"),
        List.of("part"),
        Map.of());
    // One commit per file, each a range of id after the one before: the files' ranges never
    // overlap.
    DeltaFixture ranges =
        DeltaFixture.createWithStats(
            spark, work.resolve("delta/ranges"), ranged(0), List.of(), Map.of());
    rangeRows = ranged(0);
    for (int file = 1; file < FILES; file++) {
      ranges.append(ranged(file));
      rangeRows = rangeRows.union(ranged(file));
    }
    // A small file whose add action has no statistics: it may hold anything, so it is always read.
    Dataset<Row> unmeasured = small(100 * ROWS_PER_FILE, "'unmeasured'", "id");
    ranges.appendWithoutStats(unmeasured);
    // A small file whose id is NULL in every other row (its statistics count 50 NULLs).
    Dataset<Row> nulls =
        small(200 * ROWS_PER_FILE, "'nulls'", "CASE WHEN id % 2 = 0 THEN NULL ELSE id END");
    ranges.append(nulls);
    rangeRows = rangeRows.union(unmeasured).union(nulls);
    execute("CREATE EXTERNAL TABLE parts STORED AS DELTA LOCATION '" + uri("delta/parts") + "'");
    execute("CREATE EXTERNAL TABLE ranges STORED AS DELTA LOCATION '" + uri("delta/ranges") + "'");
  }

  @AfterAll
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void aFilterOnOnePartitionReadsOnlyItsFile() throws SQLException {
    Reads all = measure("SELECT COUNT(*), " + ALL_COLUMNS + " FROM parts");
    Reads one = measure("SELECT COUNT(*), " + ALL_COLUMNS + " FROM parts WHERE part = 3");
    assertEquals(String.valueOf(FILES * ROWS_PER_FILE), all.firstValue());
    assertEquals(String.valueOf(ROWS_PER_FILE), one.firstValue());
    assertTrue(one.bytes() > 0, "the partition was read: " + one);
    assertTrue(one.bytes() * FILES * 10 <= all.bytes() * 12, "one: " + one + ", all: " + all);
    assertPlan(
        "SELECT id FROM parts WHERE part = 3",
        "pushed filters [part = 3]; files=[1 of " + FILES + "]");
    assertPlan("SELECT id FROM parts", "files=[8 of 8]");
    assertPlan("SELECT id FROM parts WHERE part IN (1, 2)", "files=[2 of 8]");
    assertPlan("SELECT id FROM parts WHERE part > 5", "files=[2 of 8]");
  }

  @Test
  void partitionFiltersReturnWhatTheWholeTableFilteredReturns() throws SQLException {
    Dataset<Row> rows =
        wide(0, FILES * ROWS_PER_FILE).selectExpr("id", "CAST(id % " + FILES + " AS INT) AS part");
    for (String condition :
        List.of(
            "part = 3",
            "part IN (1, 2)",
            "part > 5",
            "part <> 0 AND id < 100",
            "part IS NULL",
            "part NOT IN (0, 7) AND id < 50",
            "part = 9")) {
      assertEquals(
          lines(rows.where(condition).select("id").collectAsList()),
          query("SELECT id FROM parts WHERE " + condition),
          condition);
    }
  }

  @Test
  void aFilterOnTheSortedColumnSkipsTheOtherFiles() throws SQLException {
    long low = 3 * ROWS_PER_FILE + 10;
    String range = " WHERE id BETWEEN " + low + " AND " + (low + 9);
    Reads all = measure("SELECT COUNT(*), " + ALL_COLUMNS + " FROM ranges");
    Reads one = measure("SELECT COUNT(*), " + ALL_COLUMNS + " FROM ranges" + range);
    assertEquals("10", one.firstValue());
    assertTrue(one.bytes() > 0, "the file was read: " + one);
    assertTrue(one.bytes() * FILES * 10 <= all.bytes() * 12, "one: " + one + ", all: " + all);
    // The range's file and the one without statistics, of the ten live files.
    assertPlan("SELECT id FROM ranges" + range, "files=[2 of 10]");
    assertPlan("SELECT id FROM ranges", "files=[10 of 10]");
  }

  @Test
  void filesWithoutStatisticsOrWithNullsAreNeverSkippedWrongly() throws SQLException {
    long unmeasured = 100 * ROWS_PER_FILE + 50;
    long nulls = 200 * ROWS_PER_FILE;
    assertEquals(
        List.of("[" + unmeasured + "]"), query("SELECT id FROM ranges WHERE id = " + unmeasured));
    // Only the file without statistics can hold it.
    assertPlan("SELECT id FROM ranges WHERE id = " + unmeasured, "files=[1 of 10]");
    // NULL counts: the file with NULLs and the file without statistics.
    assertPlan("SELECT id FROM ranges WHERE id IS NULL", "files=[2 of 10]");
    assertEquals(List.of("[50]"), query("SELECT COUNT(*) FROM ranges WHERE id IS NULL"));
    assertPlan("SELECT id FROM ranges WHERE id > " + (nulls + 90), "files=[2 of 10]");
  }

  @Test
  void dataFiltersReturnWhatTheWholeTableFilteredReturns() throws SQLException {
    long third = 3 * ROWS_PER_FILE;
    long nulls = 200 * ROWS_PER_FILE;
    for (String condition :
        List.of(
            "id BETWEEN " + (third + 10) + " AND " + (third + 19),
            "id = " + (100 * ROWS_PER_FILE + 7),
            "id IN (5, " + (third + 7) + ", " + (nulls + 3) + ")",
            "id > " + (nulls + 90),
            "id < 3",
            "id IS NULL",
            "id IS NOT NULL AND id >= " + (nulls + 95),
            "id <> 5 AND id < 20",
            "id NOT IN (1, 2, 3) AND id < 10",
            "label = 'f3' AND id < " + (third + 5),
            "label IN ('unmeasured', 'nulls') AND id > " + (nulls - 10),
            "sold_on = DATE '2026-01-05' AND id < " + (4 * ROWS_PER_FILE + 3),
            "sold_on >= DATE '2030-01-01'",
            "price = 6.5 AND id < " + (6 * ROWS_PER_FILE + 3),
            "price > 6.25 AND price < 7 AND id < " + (7 * ROWS_PER_FILE + 2),
            "CAST(id AS DOUBLE) < 2.5",
            "id = 2.5",
            "id = 999999999999")) {
      assertEquals(
          lines(rangeRows.where(condition).select("id").collectAsList()),
          query("SELECT id FROM ranges WHERE " + condition),
          condition);
    }
    assertPlan("SELECT id FROM ranges WHERE label = 'f3'", "files=[2 of 10]");
    assertPlan("SELECT id FROM ranges WHERE sold_on = DATE '2026-01-05'", "files=[2 of 10]");
    assertPlan("SELECT id FROM ranges WHERE price = 6.5", "files=[2 of 10]");
  }

  /**
   * {@code to - from} rows: id and nine columns of pseudo-random doubles (they compress poorly). The
   * id is nullable in the log's schema (NULLIF), so that {@code id IS NULL} is not folded away.
   */
  private Dataset<Row> wide(long from, long to) {
    List<String> columns = new ArrayList<>(List.of("NULLIF(id, -1) AS id"));
    for (int c = 0; c < 9; c++) {
      columns.add("rand(" + c + ") AS c" + c);
    }
    return spark.range(from, to).selectExpr(columns.toArray(String[]::new));
  }

  /** File {@code file} of {@code ranges}: ids {@code file * ROWS_PER_FILE} on, in order. */
  private Dataset<Row> ranged(int file) {
    return wide(file * ROWS_PER_FILE, (file + 1) * ROWS_PER_FILE)
        .selectExpr(
            "*",
            "'f" + file + "' AS label",
            "DATE_ADD(DATE '2026-01-01', " + file + ") AS sold_on",
            "CAST(" + file + " + 0.5 AS DECIMAL(10, 2)) AS price");
  }

  /** 100 rows from {@code from}, with {@code label} and {@code idExpression} for id. */
  private Dataset<Row> small(long from, String label, String idExpression) {
    return wide(from, from + 100)
        .selectExpr(
            "CAST(" + idExpression + " AS BIGINT) AS id",
            "c0",
            "c1",
            "c2",
            "c3",
            "c4",
            "c5",
            "c6",
            "c7",
            "c8",
            label + " AS label",
            "DATE '2030-01-01' AS sold_on",
            "CAST(99.5 AS DECIMAL(10, 2)) AS price");
  }

  private static List<String> lines(List<Row> rows) {
    return SortedLines.of(rows);
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** Rows as sorted "[a, b]" lines of getObject values. */
  private List<String> query(String sql) throws SQLException {
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      return SortedLines.of(rs);
    }
  }

  private void assertPlan(String sql, String expected) throws SQLException {
    String plan = explain(sql);
    assertTrue(plan.contains(expected), sql + " should say " + expected + ":\n" + plan);
  }

  private String explain(String sql) throws SQLException {
    try (Connection connection = gateway.connect()) {
      return ResultRows.explain(connection, sql);
    }
  }

  private static String uri(String path) {
    return work.resolve(path).toUri().toString();
  }

  /** Bytes read on file: while the query runs and its first row is fetched, and that row's first value. */
  record Reads(long bytes, String firstValue) {}

  private Reads measure(String sql) throws SQLException {
    // Parquet's vectored reads bypass the local file system's byte counter (see
    // PartitionPruningThroughJdbcTest); plain reads count every byte. Only for the measurement.
    var hadoop = spark.sparkContext().hadoopConfiguration();
    String vectored = hadoop.get(VECTORED_IO);
    hadoop.setBoolean(VECTORED_IO, false);
    try {
      long before = bytesRead();
      String first;
      try (Connection connection = gateway.connect();
          Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery(sql)) {
        assertTrue(rs.next(), sql);
        first = rs.getString(1);
      }
      return new Reads(bytesRead() - before, first);
    } finally {
      if (vectored == null) {
        hadoop.unset(VECTORED_IO);
      } else {
        hadoop.set(VECTORED_IO, vectored);
      }
    }
  }

  private static long bytesRead() {
    StorageStatistics statistics = FileSystem.getGlobalStorageStatistics().get("file");
    if (statistics == null) {
      return 0;
    }
    Long value = statistics.getLong("bytesRead");
    return value == null ? 0 : value;
  }
}
