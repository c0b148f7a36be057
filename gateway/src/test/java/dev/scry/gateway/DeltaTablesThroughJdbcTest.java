package dev.scry.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.gateway.lake.Azurite;
import dev.scry.gateway.lake.TestLake;
import dev.scry.testing.DeltaFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * Delta tables through the driver, in a local folder and on Azurite: a partitioned table written,
 * updated and deleted from (so superseded files lie in its folders) reads exactly its current
 * snapshot; a new commit is seen by the next query; a deletion vector that cannot be read and column
 * mapping are refused with a sentence saying so; declared columns and an empty Delta table are refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeltaTablesThroughJdbcTest {
  @TempDir static Path work;

  private TestLake lake;
  private RunningGateway gateway;
  private SparkSession spark;
  private DeltaFixture growing;

  @BeforeAll
  void start() throws Exception {
    lake = TestLake.start(work);
    gateway =
        RunningGateway.start(
            RunningGateway.config(
                work, lake.storage(), work.resolve("warehouse").toString(), false));
    spark = gateway.spark();
    DeltaFixture events =
        DeltaFixture.create(
            spark, work.resolve("delta/events"), rows(0, 200), List.of("part"), Map.of());
    events.update("id < 20", "amount", "-1.0");
    events.delete("id % 10 = 3");
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    uploadTree(hadoop, work.resolve("delta/events"), "delta/events/");

    growing =
        DeltaFixture.create(spark, work.resolve("delta/growing"), rows(0, 10), List.of(), Map.of());
    DeltaFixture.create(spark, work.resolve("delta/vectors"), rows(0, 10), List.of(), Map.of())
        .markDeletionVector();
    execute(
        "CREATE EXTERNAL TABLE events_local STORED AS DELTA LOCATION '"
            + uri("delta/events")
            + "'");
    execute(
        "CREATE EXTERNAL TABLE events_lake STORED AS DELTA LOCATION '"
            + lakeUri("delta/events/")
            + "'");
    // The same folder read as plain Parquet: superseded files included.
    execute(
        "CREATE EXTERNAL TABLE events_as_parquet (id BIGINT, amount DOUBLE, part INTEGER)"
            + " STORED AS PARQUET LOCATION '"
            + uri("delta/events")
            + "' PARTITIONED BY (part)");
    execute(
        "CREATE EXTERNAL TABLE growing STORED AS DELTA LOCATION '" + uri("delta/growing") + "'");
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
  void currentSnapshotLocallyAndOnTheLake() throws SQLException {
    List<String> expected =
        sorted(
            rows(0, 200)
                .where("id % 10 <> 3")
                .selectExpr("id", "part", "CASE WHEN id < 20 THEN -1.0 ELSE amount END")
                .collectAsList());
    assertEquals(180, expected.size());
    assertEquals(expected, query("SELECT id, part, amount FROM events_local"));
    assertEquals(expected, query("SELECT id, part, amount FROM events_lake"));
    assertEquals(
        List.of("id", "part", "amount"), columnNames("SELECT * FROM events_local WHERE 1 = 0"));
    assertEquals(
        List.of("[20, 1, -1.0]"),
        query(
            "SELECT COUNT(*), MIN(part), MIN(amount) FROM events_lake WHERE part = 1 AND id < 100"));
  }

  @Test
  void earlierVersionsByNumberAndByTime() throws SQLException {
    List<String> created = sorted(rows(0, 200).collectAsList());
    List<String> updated =
        sorted(
            rows(0, 200)
                .selectExpr("id", "part", "CASE WHEN id < 20 THEN -1.0 ELSE amount END")
                .collectAsList());
    assertEquals(created, query("SELECT id, part, amount FROM events_local FOR VERSION AS OF 0"));
    assertEquals(updated, query("SELECT id, part, amount FROM events_lake FOR VERSION AS OF 1"));
    // Version 1 was committed at 00:01, version 2 at 00:02 (DeltaFixture.commitTime).
    assertEquals(
        updated,
        query(
            "SELECT id, part, amount FROM events_local"
                + " FOR SYSTEM_TIME AS OF TIMESTAMP '2026-01-01 00:01:30'"));
    assertEquals(
        List.of("[200, 180]"),
        query(
            "SELECT (SELECT COUNT(*) FROM events_local FOR VERSION AS OF 1),"
                + " (SELECT COUNT(*) FROM events_local)"));
    String plan =
        String.join(
            "\n", query("EXPLAIN PLAN FOR SELECT id FROM events_local FOR VERSION AS OF 1"));
    assertTrue(plan.contains("as of version 1"), plan);
  }

  @Test
  void timeTravelRefusals() {
    SQLException missing =
        assertThrows(
            SQLException.class, () -> query("SELECT * FROM events_local FOR VERSION AS OF 99"));
    assertEquals("42000", missing.getSQLState());
    assertTrue(missing.getMessage().contains("as of version 99"), missing.getMessage());
    SQLException parquet =
        assertThrows(
            SQLException.class, () -> query("SELECT * FROM events_as_parquet FOR VERSION AS OF 0"));
    assertEquals("0A000", parquet.getSQLState());
    assertTrue(parquet.getMessage().contains("keeps no earlier versions"), parquet.getMessage());
  }

  @Test
  void theFolderReadAsParquetHoldsSupersededRows() throws SQLException {
    // Proves the fixture left superseded files where a plain listing finds them.
    List<String> counts = query("SELECT COUNT(*) FROM events_as_parquet");
    assertTrue(Long.parseLong(counts.get(0).replaceAll("[\\[\\]]", "")) > 180, counts.toString());
  }

  @Test
  void aNewCommitIsReadByTheNextQuery() throws SQLException {
    assertEquals(List.of("[10]"), query("SELECT COUNT(*) FROM growing"));
    growing.append(rows(10, 15));
    assertEquals(List.of("[15]"), query("SELECT COUNT(*) FROM growing"));
  }

  @Test
  void aDeletionVectorThatCannotBeReadFailsTheRead() throws SQLException {
    // The fixture's vector names a .bin file that is not there (DeltaDeletionVectorsTest reads real
    // ones): the read fails saying so rather than returning the rows it deletes.
    execute(
        "CREATE EXTERNAL TABLE vectors STORED AS DELTA LOCATION '" + uri("delta/vectors") + "'");
    SQLException e = assertThrows(SQLException.class, () -> query("SELECT * FROM vectors"));
    assertTrue(e.getMessage().contains("Cannot read the deletion vector of"), e.getMessage());
  }

  @Test
  void columnMappingIsRefusedWhenCreated() {
    DeltaFixture.create(
        spark,
        work.resolve("delta/mapped"),
        rows(0, 5),
        List.of(),
        Map.of("delta.columnMapping.mode", "name"));
    SQLException e =
        assertThrows(
            SQLException.class,
            () ->
                execute(
                    "CREATE EXTERNAL TABLE mapped STORED AS DELTA LOCATION '"
                        + uri("delta/mapped")
                        + "'"));
    assertTrue(e.getMessage().contains("column mapping"), e.getMessage());
  }

  @Test
  void refusals() throws IOException {
    SQLException declared =
        assertThrows(
            SQLException.class,
            () ->
                execute(
                    "CREATE EXTERNAL TABLE d (id BIGINT) STORED AS DELTA LOCATION '"
                        + uri("delta/events")
                        + "'"));
    assertEquals("42000", declared.getSQLState());
    assertTrue(declared.getMessage().contains("come from its transaction log"));
    Files.createDirectories(work.resolve("plain"));
    SQLException notDelta =
        assertThrows(
            SQLException.class,
            () ->
                execute("CREATE EXTERNAL TABLE p STORED AS DELTA LOCATION '" + uri("plain") + "'"));
    assertTrue(notDelta.getMessage().contains("holds no Delta table"), notDelta.getMessage());
    // Delta CTAS and INSERT are written (DeltaWritesThroughJdbcTest); an empty Delta table is not.
    SQLException empty =
        assertThrows(SQLException.class, () -> execute("CREATE TABLE w (x INT) STORED AS DELTA"));
    assertEquals("0A000", empty.getSQLState());
  }

  @Test
  void explainSaysTheLogChoosesTheFiles() throws SQLException {
    String plan = String.join("\n", query("EXPLAIN PLAN FOR SELECT id FROM events_local"));
    // Four live files (one per partition) of the many the folder holds (DeltaPruningTest prunes).
    assertTrue(plan.contains("files=[4 of 4]"), plan);
    assertTrue(!plan.contains("partitions "), plan);
  }

  private Dataset<Row> rows(long from, long to) {
    return spark
        .range(from, to)
        .selectExpr("id", "CAST(id % 4 AS INT) AS part", "CAST(id * 1.5 AS DOUBLE) AS amount");
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

  /** Rows as sorted "[a, b, c]" lines of getObject values. */
  private List<String> query(String sql) throws SQLException {
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      return SortedLines.of(rs);
    }
  }

  private List<String> columnNames(String sql) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        names.add(rs.getMetaData().getColumnName(i));
      }
    }
    return names;
  }

  private static String uri(String path) {
    return work.resolve(path).toUri().toString();
  }

  private static String lakeUri(String path) {
    return TestLake.uri(Azurite.DEV_ACCOUNT, "lake", path);
  }

  /** Every file of the table, the log included, as a producer of the lake would copy it. */
  private void uploadTree(Configuration hadoop, Path root, String prefix) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files =
          walk.filter(Files::isRegularFile)
              .filter(f -> !f.getFileName().toString().endsWith(".crc"))
              .toList();
    }
    for (Path file : files) {
      lake.upload(
          hadoop, file, lakeUri(prefix + root.relativize(file).toString().replace('\\', '/')));
    }
  }
}
