package dev.scry.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.gateway.lake.Azurite;
import dev.scry.gateway.lake.TestLake;
import dev.scry.testing.DeltaFixture;
import io.delta.kernel.Operation;
import io.delta.kernel.Table;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.utils.CloseableIterable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delta writes through the driver, in a local folder and on Azurite: CREATE TABLE … STORED AS DELTA
 * AS SELECT and INSERT INTO commit one version each, read back equal through Scry and through Delta
 * Kernel alone (its own Parquet reader); the files sit in Delta's partition folders with row counts
 * and column statistics in the log; DESCRIBE HISTORY lists the commits; a failed INSERT commits
 * nothing; a commit that loses to another writer's metadata change fails with 40001.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeltaWritesThroughJdbcTest {
  @TempDir static Path work;

  private TestLake lake;
  private RunningGateway gateway;
  private SparkSession spark;
  private Configuration hadoop;

  @BeforeAll
  void start() throws Exception {
    lake = TestLake.start(work);
    gateway =
        RunningGateway.start(
            RunningGateway.config(
                work, lake.storage(), work.resolve("warehouse").toString(), false));
    spark = gateway.spark();
    hadoop = spark.sparkContext().hadoopConfiguration();
    source(0, 200).write().parquet(work.resolve("source").toString());
    execute("CREATE EXTERNAL TABLE source STORED AS PARQUET LOCATION '" + uri("source") + "'");
    lake.createContainer(hadoop, lakeUri(""));
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

  /** A managed table under the warehouse: CTAS, two INSERTs, each a version; a failed one is none. */
  @Test
  void ctasAndInsertsCommitOneVersionEach() throws Exception {
    assertEquals(
        200,
        update(
            "CREATE TABLE sales STORED AS DELTA PARTITIONED BY (part) AS"
                + " SELECT id, part, amount FROM source"));
    assertEquals(
        50, update("INSERT INTO sales SELECT id + 1000, part, amount FROM source WHERE id < 50"));
    assertEquals(
        2, update("INSERT INTO sales (amount, id, part) VALUES (0.5, 9001, 7), (NULL, 9002, 7)"));
    List<String> expected = new ArrayList<>(sorted(source(0, 200).collectAsList()));
    expected.addAll(
        sorted(source(0, 50).selectExpr("id + 1000", "part", "amount").collectAsList()));
    expected.add("[9001, 7, 0.5]");
    expected.add("[9002, 7, null]");
    expected.sort(null);
    assertEquals(expected, query("SELECT id, part, amount FROM sales"));

    String location = work.resolve("warehouse/default/sales").toUri().toString();
    KernelReadBack kernel = KernelReadBack.read(hadoop, location);
    assertEquals(2, kernel.version());
    assertEquals(List.of("part"), kernel.partitionColumns());
    // Kernel's schema order is the table's: id, part, amount.
    assertEquals(expected, kernel.rows());
    assertTrue(
        kernel.files().stream().allMatch(f -> f.matches(".*/sales/part=\\d+/part-[^/]+\\.parquet")),
        kernel.files().toString());
    String firstCommit =
        Files.readString(
            work.resolve("warehouse/default/sales/_delta_log/00000000000000000000.json"));
    assertTrue(firstCommit.contains("\\\"numRecords\\\":"), firstCommit);
    assertTrue(firstCommit.contains("\\\"minValues\\\":{\\\"id\\\":"), firstCommit);

    assertEquals(
        List.of("[2, WRITE, 2, Scry]", "[1, WRITE, 50, Scry]", "[0, CREATE TABLE, 200, Scry]"),
        history("sales"));

    // A cast that fails in late rows: the INSERT fails, no version is added, its files are read by
    // no one.
    SQLException failed =
        assertThrows(
            SQLException.class,
            () ->
                update(
                    "INSERT INTO sales SELECT id, part, CASE WHEN id > 150 THEN CAST('x' || CAST(id"
                        + " AS VARCHAR) AS DOUBLE) ELSE amount END FROM source"));
    assertTrue(
        failed.getSQLState().startsWith("22"), failed.getSQLState() + " " + failed.getMessage());
    assertEquals(expected, query("SELECT id, part, amount FROM sales"));
    assertEquals(2, KernelReadBack.read(hadoop, location).version());
    assertEquals(3, history("sales").size());
  }

  /** LOCATION on the lake (abfs, Azurite): an external Delta table, re-registered after DROP TABLE. */
  @Test
  void ctasWithALocationOnTheLake() throws Exception {
    String location = lakeUri("events");
    assertEquals(
        120,
        update(
            "CREATE TABLE events STORED AS DELTA PARTITIONED BY (part) LOCATION '"
                + location
                + "' AS SELECT id, part, amount FROM source WHERE id < 120"));
    assertEquals(
        80, update("INSERT INTO events SELECT id, part, amount FROM source WHERE id >= 120"));
    List<String> all = sorted(source(0, 200).collectAsList());
    assertEquals(all, query("SELECT id, part, amount FROM events"));
    KernelReadBack kernel = KernelReadBack.read(hadoop, location);
    assertEquals(1, kernel.version());
    assertEquals(all, kernel.rows());
    assertTrue(
        kernel.files().stream().allMatch(f -> f.contains("/events/part=")),
        kernel.files().toString());

    // The table is external: DROP TABLE leaves its folder, which registers again as it was.
    execute("DROP TABLE events");
    execute("CREATE EXTERNAL TABLE events_again STORED AS DELTA LOCATION '" + location + "'");
    assertEquals(all, query("SELECT id, part, amount FROM events_again"));
    assertEquals(
        List.of("[1, WRITE, 80, Scry]", "[0, CREATE TABLE, 120, Scry]"), history("events_again"));

    // A second CTAS into the same folder finds its log.
    SQLException exists =
        assertThrows(
            SQLException.class,
            () ->
                update(
                    "CREATE TABLE events_twice STORED AS DELTA LOCATION '"
                        + location
                        + "' AS SELECT id FROM source"));
    assertEquals("42710", exists.getSQLState(), exists.getMessage());
    assertTrue(exists.getMessage().contains("already holds a Delta table"), exists.getMessage());
  }

  /**
   * Another writer changes the table's metadata while an INSERT's files are being written: the
   * INSERT's commit cannot be put after that change, so it fails with 40001 and adds nothing.
   */
  @Test
  void aCommitThatLosesToAConcurrentMetadataChangeFailsWith40001() throws Exception {
    assertEquals(
        200,
        update("CREATE TABLE contested STORED AS DELTA AS SELECT id, part, amount FROM source"));
    Path table = work.resolve("warehouse/default/contested");
    String insert =
        "INSERT INTO contested SELECT a.id, a.part, b.amount FROM source a, source b, source c"
            + " WHERE c.id < 60";
    CompletableFuture<SQLException> outcome =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                update(insert);
                return null;
              } catch (SQLException e) {
                return e;
              }
            });
    // The staging folder appears once Spark writes, after the INSERT's transaction began.
    while (!hasStagedFiles(table) && !outcome.isDone()) {
      Thread.sleep(20);
    }
    assertFalse(outcome.isDone(), "the INSERT was still writing");
    Engine engine = DefaultEngine.create(hadoop);
    Table.forPath(engine, table.toUri().toString())
        .createTransactionBuilder(engine, "another writer", Operation.MANUAL_UPDATE)
        .withTableProperties(engine, Map.of("owner", "someone else"))
        .build(engine)
        .commit(engine, CloseableIterable.emptyIterable());
    SQLException lost = outcome.get(5, TimeUnit.MINUTES);
    assertTrue(lost != null, "the INSERT failed");
    assertInstanceOf(SQLTransactionRollbackException.class, lost, lost.getMessage());
    assertEquals("40001", lost.getSQLState());
    assertTrue(lost.getMessage().contains("run the statement again"), lost.getMessage());
    assertEquals(List.of("[200]"), query("SELECT COUNT(*) FROM contested"));
    assertEquals(1, KernelReadBack.read(hadoop, table.toUri().toString()).version());
  }

  /**
   * A table another writer made (DeltaFixture's commits: an operation and no metrics, no statistics,
   * no engine): its history as that writer recorded it, dated as time travel dates it, and Scry
   * appends to it as its next version.
   */
  @Test
  void historyOfATableAnotherWriterMadeAndAnAppendToIt() throws Exception {
    DeltaFixture other =
        DeltaFixture.create(spark, work.resolve("other"), source(0, 40), List.of("part"), Map.of());
    other.delete("id < 10");
    execute("CREATE EXTERNAL TABLE other STORED AS DELTA LOCATION '" + uri("other") + "'");
    assertEquals(
        List.of("[1, DELETE, null, null]", "[0, CREATE TABLE AS SELECT, null, null]"),
        history("other"));
    List<String> times = new ArrayList<>();
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("DESCRIBE HISTORY other")) {
      while (rs.next()) {
        times.add(rs.getString("timestamp"));
      }
    }
    // DeltaFixture dates version v's commit file at 2026-01-01 00:0v UTC.
    assertTrue(times.get(0).startsWith("2026-01-01 00:01:00"), times.toString());
    assertTrue(times.get(1).startsWith("2026-01-01 00:00:00"), times.toString());

    assertEquals(
        5, update("INSERT INTO other SELECT id, part, amount FROM source WHERE id >= 195"));
    assertEquals(List.of("[35]"), query("SELECT COUNT(*) FROM other"));
    assertEquals("[2, WRITE, 5, Scry]", history("other").get(0));
    assertEquals(2, KernelReadBack.read(hadoop, uri("other")).version());
  }

  @Test
  void refusals() throws SQLException {
    assertEquals(1, update("CREATE TABLE plain AS SELECT id FROM source WHERE id = 1"));
    SQLException noHistory =
        assertThrows(SQLException.class, () -> query("DESCRIBE HISTORY plain"));
    assertEquals("0A000", noHistory.getSQLState());
    assertTrue(noHistory.getMessage().contains("keeps no history"), noHistory.getMessage());
    assertEquals(
        1, update("CREATE TABLE small STORED AS DELTA AS SELECT id FROM source WHERE id = 1"));
    SQLException overwrite =
        assertThrows(SQLException.class, () -> update("INSERT OVERWRITE TABLE small SELECT 2"));
    assertEquals("0A000", overwrite.getSQLState());
    SQLException parquetLocation =
        assertThrows(
            SQLException.class,
            () ->
                update(
                    "CREATE TABLE elsewhere LOCATION '"
                        + uri("elsewhere")
                        + "' AS SELECT id FROM source"));
    assertEquals("0A000", parquetLocation.getSQLState());
    SQLException outside =
        assertThrows(
            SQLException.class,
            () ->
                update(
                    "CREATE TABLE outside STORED AS DELTA LOCATION 'file:///etc/scry' AS SELECT id"
                        + " FROM source"));
    assertTrue(outside.getMessage().contains("file:///etc/scry"), outside.getMessage());
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

  private Dataset<Row> source(long from, long to) {
    return spark
        .range(from, to)
        .selectExpr("id", "CAST(id % 4 AS INT) AS part", "CAST(id * 1.5 AS DOUBLE) AS amount");
  }

  /** DESCRIBE HISTORY as "[version, operation, rows_written, engine]" lines, newest first. */
  private List<String> history(String table) throws SQLException {
    List<String> lines = new ArrayList<>();
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("DESCRIBE HISTORY " + table)) {
      while (rs.next()) {
        assertTrue(rs.getTimestamp("timestamp") != null);
        lines.add(
            List.of(
                    rs.getLong("version"),
                    rs.getString("operation"),
                    String.valueOf(rs.getObject("rows_written")),
                    engine(rs.getString("engine")))
                .toString());
      }
    }
    return lines;
  }

  /** Kernel records "Kernel-<version>/<engine>": the engine's part; "null" for none. */
  private static String engine(String engineInfo) {
    return engineInfo == null ? "null" : engineInfo.substring(engineInfo.lastIndexOf('/') + 1);
  }

  private static List<String> sorted(List<Row> rows) {
    return SortedLines.of(rows);
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private long update(String sql) throws SQLException {
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      return statement.executeLargeUpdate(sql);
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

  private static String uri(String path) {
    return work.resolve(path).toUri().toString();
  }

  /** A container of its own (Hadoop caches a file system per container and account for the JVM). */
  private static String lakeUri(String path) {
    return TestLake.uri(Azurite.DEV_ACCOUNT, "deltawrites", path);
  }
}
