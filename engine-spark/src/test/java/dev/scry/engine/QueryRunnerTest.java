package dev.scry.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.rel.RelNode;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryRunnerTest {
  @TempDir static Path folder;
  static SparkSession spark;
  static QueryFixture fixture;
  static QueryRunner runner;

  @BeforeAll
  static void setUp() {
    spark = TestSpark.session();
    Dataset<Row> data =
        spark
            .sql(
                """
        SELECT CAST(id AS INT) id, CAST(amount AS DECIMAL(8,3)) amount, born, at, CAST(scores AS ARRAY<DOUBLE>) scores,
               CAST(flag AS BOOLEAN) flag, CAST(small AS SMALLINT) small, CAST(big AS BIGINT) big,
               CAST(ratio AS FLOAT) ratio, name
        FROM VALUES
          (1, 1.125, DATE'2024-02-29', TIMESTAMP'2024-03-01 23:30:00', array(0.5, 1.5), true, 7, 9000000000, 0.25, 'one'),
          (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
        AS t(id, amount, born, at, scores, flag, small, big, ratio, name)""")
            .repartition(2);
    fixture = QueryFixture.write(spark, folder, "typed", data);
    runner = fixture.runner();
  }

  static RelNode plan(String sql) throws Exception {
    return fixture.plan(sql);
  }

  @Test
  void streamsPlainJavaValuesInsideTheJobGroup() throws Exception {
    List<Object[]> rows = new ArrayList<>();
    try (ResultCursor cursor =
        runner.execute(
            plan("SELECT * FROM typed ORDER BY id"), List.of(), "test-values", "values test")) {
      assertEquals("amount", cursor.schema().fields()[1].name());
      while (cursor.hasNext()) {
        rows.add(cursor.next());
        // The group is set only while the cursor works, so the thread's later jobs are not
        // affected.
        assertNull(spark.sparkContext().getLocalProperty("spark.jobGroup.id"));
      }
    }
    assertEquals(2, rows.size());
    Object[] first = rows.get(0);
    assertEquals(1, first[0]);
    assertEquals(new BigDecimal("1.125"), first[1]);
    assertEquals(Date.valueOf("2024-02-29"), first[2]);
    assertEquals(Timestamp.valueOf("2024-03-01 23:30:00"), first[3]);
    assertEquals(List.of(0.5, 1.5), first[4]);
    assertEquals(Boolean.TRUE, first[5]);
    assertEquals((short) 7, first[6]);
    assertEquals(9000000000L, first[7]);
    assertEquals(0.25f, first[8]);
    assertEquals("one", first[9]);
    assertArrayEquals(
        new Object[] {2, null, null, null, null, null, null, null, null, null}, rows.get(1));
    assertTrue(
        spark.sparkContext().statusTracker().getJobIdsForGroup("test-values").length > 0,
        "jobs ran in the execution's job group");
  }

  @Test
  void aSmallResultIsCollectedInOneJobALargerOneStreamsAJobPerPartition() throws Exception {
    // The table's two files are two partitions: streaming runs a job for each, collecting one in
    // all.
    List<String> collected = idsAndNames("test-collect");
    assertEquals(
        1,
        jobsInGroup("test-collect", 1),
        "a result estimated below " + ResultFetch.DEFAULT_COLLECT_MAX + " is fetched in one job");
    spark.conf().set(ResultFetch.COLLECT_MAX_BYTES, "0");
    try {
      List<String> streamed = idsAndNames("test-stream");
      assertEquals(2, jobsInGroup("test-stream", 2), "with collecting off, a job per partition");
      assertEquals(collected, streamed);
    } finally {
      spark.conf().unset(ResultFetch.COLLECT_MAX_BYTES);
    }
    assertEquals(List.of("1 one", "2 null"), collected);
  }

  /**
   * The group's jobs as Spark's status tracker knows them, once it has heard of {@code expected} of them
   * or 10 s have passed: the tracker learns of jobs from the listener bus, after the jobs have run.
   */
  private static int jobsInGroup(String group, int expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    int seen = spark.sparkContext().statusTracker().getJobIdsForGroup(group).length;
    while (seen < expected && System.nanoTime() < deadline) {
      Thread.sleep(20);
      seen = spark.sparkContext().statusTracker().getJobIdsForGroup(group).length;
    }
    return seen;
  }

  @Test
  void aThresholdThatIsNoSizeIsRejectedByName() {
    spark.conf().set(ResultFetch.COLLECT_MAX_BYTES, "lots");
    try {
      IllegalArgumentException error =
          assertThrows(IllegalArgumentException.class, () -> idsAndNames("test-bad-threshold"));
      assertTrue(
          error.getMessage().contains(ResultFetch.COLLECT_MAX_BYTES)
              && error.getMessage().contains("'lots'"),
          error.getMessage());
    } finally {
      spark.conf().unset(ResultFetch.COLLECT_MAX_BYTES);
    }
  }

  @Test
  void everyTypeStreamsTheSameWithReadAheadAsThroughSparksIterator() throws Exception {
    spark.conf().set(ResultFetch.COLLECT_MAX_BYTES, "0");
    try {
      spark.conf().set(ResultFetch.READ_AHEAD_PARTITIONS, "0");
      List<Object[]> iterated = allRows("test-iterated");
      spark.conf().set(ResultFetch.READ_AHEAD_PARTITIONS, "3");
      List<Object[]> readAhead = allRows("test-read-ahead");
      assertEquals(2, iterated.size());
      assertEquals(1, iterated.get(0)[0]);
      assertEquals(iterated.size(), readAhead.size());
      for (int i = 0; i < iterated.size(); i++) {
        assertArrayEquals(iterated.get(i), readAhead.get(i), "row " + i);
      }
    } finally {
      spark.conf().unset(ResultFetch.COLLECT_MAX_BYTES);
      spark.conf().unset(ResultFetch.READ_AHEAD_PARTITIONS);
    }
  }

  private static List<Object[]> allRows(String jobGroup) throws Exception {
    List<Object[]> rows = new ArrayList<>();
    try (ResultCursor cursor =
        runner.execute(plan("SELECT * FROM typed ORDER BY id"), List.of(), jobGroup, jobGroup)) {
      while (cursor.hasNext()) {
        rows.add(cursor.next());
      }
    }
    return rows;
  }

  @Test
  void aReadAheadThatIsNoNumberIsRejectedByName() {
    spark.conf().set(ResultFetch.COLLECT_MAX_BYTES, "0");
    spark.conf().set(ResultFetch.READ_AHEAD_PARTITIONS, "two");
    try {
      IllegalArgumentException error =
          assertThrows(IllegalArgumentException.class, () -> idsAndNames("test-bad-read-ahead"));
      assertTrue(
          error.getMessage().contains(ResultFetch.READ_AHEAD_PARTITIONS)
              && error.getMessage().contains("'two'"),
          error.getMessage());
    } finally {
      spark.conf().unset(ResultFetch.COLLECT_MAX_BYTES);
      spark.conf().unset(ResultFetch.READ_AHEAD_PARTITIONS);
    }
  }

  private static List<String> idsAndNames(String jobGroup) throws Exception {
    List<String> rows = new ArrayList<>();
    try (ResultCursor cursor =
        runner.execute(plan("SELECT id, name FROM typed"), List.of(), jobGroup, jobGroup)) {
      while (cursor.hasNext()) {
        Object[] row = cursor.next();
        rows.add(row[0] + " " + row[1]);
      }
    }
    rows.sort(null);
    return rows;
  }

  @Test
  void batchesHoldTheRowsInOrderAcrossPartitionsInsideTheJobGroup() throws Exception {
    // Two rows in two files: the second batch starts the job of the second partition.
    try (ResultCursor cursor =
        runner.execute(
            plan("SELECT id, name FROM typed ORDER BY id"),
            List.of(),
            "test-batches",
            "batches test")) {
      List<Object[]> first = cursor.nextBatch(1);
      assertNull(spark.sparkContext().getLocalProperty("spark.jobGroup.id"));
      List<Object[]> rest = cursor.nextBatch(5);
      assertEquals(1, first.size());
      assertArrayEquals(new Object[] {1, "one"}, first.get(0));
      assertEquals(1, rest.size(), "the last batch is short: the rows ran out");
      assertArrayEquals(new Object[] {2, null}, rest.get(0));
      assertFalse(cursor.hasNext());
      assertTrue(cursor.nextBatch(5).isEmpty());
    }
    assertTrue(
        spark.sparkContext().statusTracker().getJobIdsForGroup("test-batches").length > 0,
        "jobs ran in the execution's job group");
  }

  @Test
  void parametersAreBound() throws Exception {
    try (ResultCursor cursor =
        runner.execute(
            plan("SELECT name FROM typed WHERE amount = ? AND born = ?"),
            List.of(new BigDecimal("1.125"), Date.valueOf("2024-02-29")),
            "test-params",
            "params")) {
      assertTrue(cursor.hasNext());
      assertEquals("one", cursor.next()[0]);
      assertFalse(cursor.hasNext());
    }
  }

  @Test
  void cancelledExecutionFails() throws Exception {
    ResultCursor cursor =
        runner.execute(plan("SELECT id FROM typed"), List.of(), "test-cancel", "cancel");
    runner.cancel("test-cancel");
    Exception failure =
        assertThrows(
            Exception.class,
            () -> {
              while (cursor.hasNext()) {
                cursor.next();
              }
            });
    assertTrue(
        String.valueOf(failure.getMessage()).toLowerCase().contains("cancel"), failure.toString());
    cursor.close();
    assertFalse(cursor.hasNext());
  }

  @Test
  void toDatasetRunsNothingAndNamesColumns() throws Exception {
    Dataset<Row> dataset =
        runner.toDataset(plan("SELECT id AS k, amount * 2 AS twice FROM typed"), List.of());
    assertEquals(List.of("k", "twice"), Arrays.asList(dataset.columns()));
  }
}
