package dev.scry.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.testing.ResultRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.StorageStatistics;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A partitioned Parquet table with 24 partitions: a filter on the partition column reads only the
 * matching partition's files, and a one-column query reads far fewer bytes than all columns. Measured
 * with Hadoop's FileSystem statistics for {@code file:} on the gateway's JVM (where local[2] Spark reads).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartitionPruningThroughJdbcTest {
  private static final int PARTITIONS = 24;
  private static final long ROWS_PER_PARTITION = 20_000;
  private static final String VECTORED_IO = "parquet.hadoop.vectored.io.enabled";

  @TempDir static Path work;

  private RunningGateway gateway;

  @BeforeAll
  void start() throws SQLException {
    gateway = RunningGateway.start(work);
    Path table = work.resolve("events");
    // Ten columns of pseudo-random doubles (they compress poorly, so bytes follow columns and
    // rows).
    var rows =
        gateway
            .spark()
            .range(0, PARTITIONS * ROWS_PER_PARTITION)
            .withColumn("part", functions.col("id").mod(PARTITIONS).cast("int"));
    for (int c = 0; c < 9; c++) {
      rows = rows.withColumn("c" + c, functions.rand(c));
    }
    rows.write().partitionBy("part").parquet(table.toString());
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE EXTERNAL TABLE events STORED AS PARQUET LOCATION '"
              + table.toUri()
              + "' PARTITIONED BY (part)");
    }
  }

  /**
   * A folder that breaks Spark's partition discovery whenever it is listed (a deeper, different
   * partition layout, with a file that is not Parquet) sits among good partitions: a query that prunes it
   * in the planner runs, because Spark is handed only the kept folders; a query that needs every
   * partition fails on it, which shows the folder would break any scan that listed it.
   */
  @Test
  void onlyTheKeptPartitionFoldersAreListedAndRead() throws Exception {
    Path table = work.resolve("guarded");
    gateway
        .spark()
        .range(0, 30)
        .withColumn("part", functions.col("id").mod(3).cast("int"))
        .write()
        .partitionBy("part")
        .parquet(table.toString());
    Path broken = Files.createDirectories(table.resolve("part=9").resolve("other=1"));
    Files.writeString(broken.resolve("not-parquet.parquet"), "this is not a Parquet file");
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE EXTERNAL TABLE guarded (id BIGINT, part INT) STORED AS PARQUET LOCATION '"
              + table.toUri()
              + "' PARTITIONED BY (part)");
      assertEquals("10", single(statement, "SELECT COUNT(*) FROM guarded WHERE part = 1"));
      assertEquals("20", single(statement, "SELECT COUNT(*) FROM guarded WHERE part IN (0, 2)"));
      assertEquals("10", single(statement, "SELECT COUNT(*) FROM guarded WHERE part < 1"));
      assertEquals("0", single(statement, "SELECT COUNT(*) FROM guarded WHERE part = 5"));
      SQLException unpruned =
          Assertions.assertThrows(
              SQLException.class, () -> single(statement, "SELECT COUNT(*) FROM guarded"));
      assertTrue(String.valueOf(unpruned.getMessage()).contains("part=9"), unpruned.getMessage());
    }
    String plan = explain("SELECT id FROM guarded WHERE part IN (0, 2)");
    long files = 0;
    for (String kept : List.of("part=0", "part=2")) {
      try (var listing = Files.list(table.resolve(kept))) {
        files +=
            listing
                .map(f -> f.getFileName().toString())
                .filter(n -> n.endsWith(".parquet"))
                .count();
      }
    }
    assertTrue(files > 0);
    assertTrue(
        plan.contains(
            "scan default.guarded: columns [id, part]; pushed filters [part IN (0, 2)];"
                + " partitions 2 of 4; files "
                + files),
        plan);
  }

  private static String single(Statement statement, String sql) throws SQLException {
    try (ResultSet rs = statement.executeQuery(sql)) {
      assertTrue(rs.next(), sql);
      return rs.getString(1);
    }
  }

  @AfterAll
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void aFilterOnThePartitionColumnReadsOnlyThatPartition() throws SQLException {
    Reads all = measure("SELECT COUNT(*), SUM(c0) FROM events");
    Reads one = measure("SELECT COUNT(*), SUM(c0) FROM events WHERE part = 7");
    assertEquals(String.valueOf(PARTITIONS * ROWS_PER_PARTITION), all.firstValue());
    assertEquals(String.valueOf(ROWS_PER_PARTITION), one.firstValue());
    assertTrue(one.bytes() > 0, "the partition was read: " + one);
    assertTrue(
        one.bytes() * (PARTITIONS / 2) < all.bytes(), "one partition: " + one + ", all: " + all);
  }

  @Test
  void oneColumnOfTenReadsFarFewerBytesThanAll() throws SQLException {
    Reads oneColumn = measure("SELECT SUM(c0) FROM events");
    Reads allColumns =
        measure("SELECT SUM(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + id) FROM events");
    assertTrue(
        oneColumn.bytes() * 4 < allColumns.bytes(),
        "one column: " + oneColumn + ", all: " + allColumns);
  }

  @Test
  void explainShowsColumnsPushedFiltersAndPartitionsKept() throws SQLException {
    String pruned = explain("SELECT COUNT(*), SUM(c0) FROM events WHERE part = 7 AND c1 > 0.5");
    assertTrue(
        pruned.contains(
            "scan default.events: columns [c0, c1, part]; pushed filters [part = 7, c1 > 0.5];"
                + " partitions 1 of 24"),
        pruned);
    String joined =
        explain("SELECT a.c0 FROM events a JOIN events b ON a.id = b.id WHERE b.part = 3");
    assertTrue(
        joined.contains(
            "scan default.events: columns [id, c0]; pushed filters []; partitions 24 of 24"),
        joined);
    assertTrue(
        joined.contains(
            "scan default.events: columns [id, part]; pushed filters [part = 3];"
                + " partitions 1 of 24"),
        joined);
    String all = explain("SELECT id FROM events");
    assertTrue(
        all.contains("scan default.events: columns [id]; pushed filters []; partitions 24 of 24"),
        all);
  }

  private String explain(String sql) throws SQLException {
    try (Connection connection = gateway.connect()) {
      return ResultRows.explain(connection, sql);
    }
  }

  /** Bytes read (and read operations, which the local file system does not count) on file: while the query runs and its rows are fetched. */
  record Reads(long bytes, long readOps, String firstValue) {}

  private Reads measure(String sql) throws SQLException {
    // Parquet's vectored reads of column chunks bypass the local file system's byte counter (only
    // the
    // footers would count); plain reads count every byte. Only for the measurement.
    var hadoop = gateway.spark().sparkContext().hadoopConfiguration();
    String vectored = hadoop.get(VECTORED_IO);
    hadoop.setBoolean(VECTORED_IO, false);
    try {
      return measureReads(sql);
    } finally {
      if (vectored == null) {
        hadoop.unset(VECTORED_IO);
      } else {
        hadoop.set(VECTORED_IO, vectored);
      }
    }
  }

  private Reads measureReads(String sql) throws SQLException {
    StorageStatistics statistics = FileSystem.getGlobalStorageStatistics().get("file");
    long bytesBefore = statistics == null ? 0 : value(statistics, "bytesRead");
    long opsBefore = statistics == null ? 0 : value(statistics, "readOps");
    String first;
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      first = rs.getString(1);
    }
    statistics = FileSystem.getGlobalStorageStatistics().get("file");
    return new Reads(
        value(statistics, "bytesRead") - bytesBefore,
        value(statistics, "readOps") - opsBefore,
        first);
  }

  private static long value(StorageStatistics statistics, String name) {
    Long value = statistics.getLong(name);
    return value == null ? 0 : value;
  }
}
