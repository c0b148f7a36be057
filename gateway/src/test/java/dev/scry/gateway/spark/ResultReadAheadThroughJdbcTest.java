package dev.scry.gateway.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.scry.engine.ResultFetch;
import dev.scry.gateway.RunningGateway;
import dev.scry.testing.TestData;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.spark.JobExecutionStatus;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Large results streamed with the next partitions' Spark jobs running ahead
 * ({@code spark.scry.result.readAheadPartitions}), read through the Scry driver: every row once and in
 * order, the read-ahead bounded and stopped by an early close or a cancel, a failure in a late
 * partition reported with its SQLSTATE when the client reaches it; read-ahead 0 streams as before.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResultReadAheadThroughJdbcTest {
  private static final int FILES = 12;
  private static final long ROWS = 60_000;

  /** Range partitions of an ORDER BY (coalescing off): more than the read-ahead could ever cover. */
  private static final int SORT_PARTITIONS = 16;

  private static final int AHEAD = 2;

  /** Rows per frame where a test reads past the first frame. */
  private static final int FETCH = 500;

  /** Rows in the first frame: the gateway's limits.max-rows-per-frame (the driver asks no fewer). */
  private static final int FIRST_FRAME = 5_000;

  /**
   * Settings of the SparkSession that every gateway of this test JVM shares: set here, put back after.
   * Results always stream (no collecting at once), one Parquet file is one partition.
   */
  private static final Map<String, String> SETTINGS =
      Map.of(
          ResultFetch.COLLECT_MAX_BYTES,
          "0",
          ResultFetch.READ_AHEAD_PARTITIONS,
          Integer.toString(AHEAD),
          "spark.sql.files.maxPartitionBytes",
          "1m",
          "spark.sql.shuffle.partitions",
          Integer.toString(SORT_PARTITIONS),
          "spark.sql.adaptive.coalescePartitions.enabled",
          "false");

  @TempDir static Path work;

  private RunningGateway gateway;
  private SparkSession spark;
  private Connection connection;
  private final Map<String, String> previous = new HashMap<>();
  private final JobStarts jobs = new JobStarts();

  @BeforeAll
  void start() throws SQLException {
    gateway = RunningGateway.start(work);
    spark = gateway.spark();
    Path good = work.resolve("good");
    Path bad = work.resolve("bad");
    for (Path table : List.of(good, bad)) {
      spark
          .range(0, ROWS, 1, FILES)
          .selectExpr("id", "concat('row-', id) AS label", "CAST(1 AS INT) AS d")
          .write()
          .parquet(table.toString());
    }
    // One more row in a file of its own: d = 0 there.
    spark
        .range(ROWS, ROWS + 1, 1, 1)
        .selectExpr("id", "concat('row-', id) AS label", "CAST(0 AS INT) AS d")
        .write()
        .mode("append")
        .parquet(bad.toString());
    for (Map.Entry<String, String> setting : SETTINGS.entrySet()) {
      previous.put(setting.getKey(), spark.conf().get(setting.getKey(), null));
      spark.conf().set(setting.getKey(), setting.getValue());
    }
    spark.sparkContext().addSparkListener(jobs);
    connection = gateway.connect();
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE EXTERNAL TABLE good STORED AS PARQUET LOCATION '" + TestData.uri(good) + "'");
      statement.execute(
          "CREATE EXTERNAL TABLE bad STORED AS PARQUET LOCATION '" + TestData.uri(bad) + "'");
    }
  }

  @AfterEach
  void readAheadBackToThisTestsDefault() {
    spark.conf().set(ResultFetch.READ_AHEAD_PARTITIONS, Integer.toString(AHEAD));
  }

  @AfterAll
  void stop() throws SQLException {
    if (spark != null) {
      spark.sparkContext().removeSparkListener(jobs);
      previous.forEach(
          (key, value) -> {
            if (value == null) {
              spark.conf().unset(key);
            } else {
              spark.conf().set(key, value);
            }
          });
    }
    if (connection != null) {
      connection.close();
    }
    if (gateway != null) {
      gateway.close();
    }
  }

  @ParameterizedTest(name = "read-ahead {0}")
  @ValueSource(ints = {0, AHEAD, 5})
  void orderedRowsArriveInOrderEachOnce(int ahead) throws Exception {
    spark.conf().set(ResultFetch.READ_AHEAD_PARTITIONS, Integer.toString(ahead));
    String sql = "SELECT id AS ordered_" + ahead + ", label FROM good ORDER BY 1";
    long expected = 0;
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        assertEquals(expected, rows.getLong(1), "rows in order, none left out or repeated");
        assertEquals("row-" + expected, rows.getString(2));
        expected++;
      }
    }
    assertEquals(ROWS, expected);
    String group = jobs.groupOf(spark.sparkContext(), sql);
    assertTrue(
        jobs.resultJobs(group) >= SORT_PARTITIONS,
        "one job per range partition of the sort: " + jobs.describe(group));
    jobs.assertOnePool(group);
  }

  @ParameterizedTest(name = "read-ahead {0}")
  @ValueSource(ints = {0, AHEAD})
  void everyRowOfEveryFileArrivesOnce(int ahead) throws Exception {
    spark.conf().set(ResultFetch.READ_AHEAD_PARTITIONS, Integer.toString(ahead));
    BitSet seen = new BitSet();
    long count = 0;
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT id, label, d FROM good")) {
      while (rows.next()) {
        int id = (int) rows.getLong(1);
        assertFalse(seen.get(id), "row " + id + " arrived twice");
        seen.set(id);
        assertEquals("row-" + id, rows.getString(2));
        assertEquals(1, rows.getInt(3));
        count++;
      }
    }
    assertEquals(ROWS, count);
    assertEquals(ROWS, seen.cardinality());
  }

  @Test
  void closingEarlyLeavesNoJobRunningAndRunsNoMoreThanTheReadAhead() throws Exception {
    // The first frame spans however many partitions it spans: read-ahead k may add k jobs to that.
    long without = resultJobsOfAnEarlyClose(0);
    long with = resultJobsOfAnEarlyClose(AHEAD);
    assertTrue(without >= 1 && without < SORT_PARTITIONS, "jobs without read-ahead: " + without);
    assertTrue(
        with >= without && with <= without + AHEAD,
        "at most "
            + AHEAD
            + " jobs more than "
            + without
            + " with read-ahead "
            + AHEAD
            + ": "
            + with);
  }

  /** Reads ten rows and closes; returns how many of the result's partitions had a job. */
  private long resultJobsOfAnEarlyClose(int ahead) throws Exception {
    spark.conf().set(ResultFetch.READ_AHEAD_PARTITIONS, Integer.toString(ahead));
    String sql = "SELECT id AS closed_early_" + ahead + ", label FROM good ORDER BY 1";
    try (Statement statement = connection.createStatement()) {
      statement.setFetchSize(100);
      try (ResultSet rows = statement.executeQuery(sql)) {
        for (int i = 0; i < 10; i++) {
          assertTrue(rows.next());
          assertEquals(i, rows.getLong(1));
        }
      }
    }
    String group = jobs.groupOf(spark.sparkContext(), sql);
    awaitNoRunningJob(group);
    jobs.assertOnePool(group);
    assertSessionUsable();
    return jobs.resultJobs(group);
  }

  @Test
  void cancelWhileReadingAheadFailsTheNextFetchAndStopsTheJobs() throws Exception {
    String sql = "SELECT id AS cancelled_id, label FROM good ORDER BY 1";
    try (Statement statement = connection.createStatement()) {
      statement.setFetchSize(100);
      try (ResultSet rows = statement.executeQuery(sql)) {
        assertTrue(rows.next());
        statement.cancel();
        SQLException error =
            assertThrows(
                SQLException.class,
                () -> {
                  while (rows.next()) {
                    assertNotNull(rows.getString(2));
                  }
                });
        // The driver refuses to go on at once ("Statement canceled"); the gateway, asked again,
        // would say 57014.
        assertTrue(
            error.getMessage().toLowerCase(Locale.ROOT).contains("cancel"), error.getMessage());
        assertTrue(
            error.getSQLState() == null || "57014".equals(error.getSQLState()),
            error.getSQLState() + " " + error.getMessage());
      }
    }
    awaitNoRunningJob(jobs.groupOf(spark.sparkContext(), sql));
    assertSessionUsable();
  }

  @Test
  void aFailureInALatePartitionReachesTheClientThere() throws Exception {
    // Where the failing row comes in the stream: the same scan over the same files, without the
    // division, numbers the rows before it.
    long before = 0;
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT id FROM bad")) {
      while (rows.next() && rows.getLong(1) != ROWS) {
        before++;
      }
    }
    long read = 0;
    SQLException error = null;
    try (Statement statement = connection.createStatement()) {
      statement.setFetchSize(FETCH);
      try (ResultSet rows = statement.executeQuery("SELECT id, 100 / d AS q FROM bad")) {
        while (rows.next()) {
          assertEquals(100, rows.getInt(2));
          read++;
        }
      } catch (SQLException e) {
        error = e;
      }
    }
    assertNotNull(error, "the division by zero is reported");
    assertEquals("22012", error.getSQLState(), error.getMessage());
    // Every row before the failing one arrived, but for those of the frame that reached it (the
    // gateway fails that frame whole, and looks one row past a frame's end). The first frame holds
    // the gateway's 5,000 rows whatever the fetch size: a failure within reach of it fails the
    // query.
    assertTrue(
        read <= before && (read >= before - 2L * FETCH || read == 0 && before <= FIRST_FRAME),
        read + " rows read before the failure, which comes after " + before);
    assertSessionUsable();
  }

  private void assertSessionUsable() throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM good")) {
      assertTrue(rows.next());
      assertEquals(ROWS, rows.getLong(1));
    }
  }

  /**
   * Waits until Spark's status tracker shows none of the group's jobs running (it hears of jobs ending
   * through the listener bus, after the fact), failing after 30 s.
   */
  private void awaitNoRunningJob(String group) throws Exception {
    SparkContext context = spark.sparkContext();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    List<Integer> running = new ArrayList<>();
    do {
      context.listenerBus().waitUntilEmpty(10_000);
      running.clear();
      for (int id : context.statusTracker().getJobIdsForGroup(group)) {
        Option<SparkJobInfo> info = context.statusTracker().getJobInfo(id);
        if (info.isEmpty() || info.get().status() == JobExecutionStatus.RUNNING) {
          running.add(id);
        }
      }
      if (running.isEmpty()) {
        return;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    fail("jobs " + running + " of group " + group + " still running after the result was closed");
  }

  /** The job group, pool and stages of every job started, by the statement text in its description. */
  private static final class JobStarts extends SparkListener {
    private final Queue<SparkListenerJobStart> starts = new ConcurrentLinkedQueue<>();

    @Override
    public void onJobStart(SparkListenerJobStart start) {
      starts.add(start);
    }

    String groupOf(SparkContext context, String sql) throws Exception {
      context.listenerBus().waitUntilEmpty(10_000);
      for (SparkListenerJobStart start : starts) {
        String description = start.properties().getProperty("spark.job.description");
        if (description != null && description.contains(sql)) {
          return start.properties().getProperty("spark.jobGroup.id");
        }
      }
      throw new AssertionError("no Spark job described as " + sql);
    }

    private List<SparkListenerJobStart> of(String group) {
      return starts.stream()
          .filter(s -> group.equals(s.properties().getProperty("spark.jobGroup.id")))
          .toList();
    }

    /**
     * Jobs of the group whose last stage has one task: those fetching one partition of the result.
     * The sort's sampling and shuffle jobs, over every input file, come before them.
     */
    long resultJobs(String group) {
      return of(group).stream().filter(s -> lastStage(s).numTasks() == 1).count();
    }

    private static StageInfo lastStage(SparkListenerJobStart start) {
      StageInfo last = null;
      for (StageInfo stage : CollectionConverters.asJava(start.stageInfos())) {
        if (last == null || stage.stageId() > last.stageId()) {
          last = stage;
        }
      }
      return last;
    }

    void assertOnePool(String group) {
      List<String> pools =
          of(group).stream()
              .map(s -> s.properties().getProperty("spark.scheduler.pool"))
              .distinct()
              .toList();
      assertEquals(1, pools.size(), "every job of the group in one FAIR pool: " + pools);
      assertNotNull(pools.get(0), "the session's FAIR pool is set on every job");
    }

    String describe(String group) {
      List<String> lines = new ArrayList<>();
      for (SparkListenerJobStart start : of(group)) {
        lines.add(
            "job "
                + start.jobId()
                + " stages "
                + start.stageInfos().size()
                + " last stage's tasks "
                + lastStage(start).numTasks());
      }
      return lines.toString();
    }
  }
}
