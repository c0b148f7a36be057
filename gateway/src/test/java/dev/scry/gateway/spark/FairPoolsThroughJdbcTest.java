package dev.scry.gateway.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.gateway.RunningGateway;
import dev.scry.gateway.config.ScryConfig;
import dev.scry.gateway.session.StatementObserver;
import dev.scry.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark's FAIR scheduler with a pool per session: each connection's jobs run in a pool of their own,
 * and while one connection's PREDICT has more tasks waiting than there are cores, another connection's
 * short query gets a core before the PREDICT's last task starts (under FIFO every task of the earlier
 * job would start first), so the order of task starts shows it without timing anything.
 */
class FairPoolsThroughJdbcTest {
  private static final int FILES = 12;
  private static final String LONG =
      "SELECT count(*), sum(PREDICT('reg', a.Sepal_Length, b.Sepal_Width, c.Petal_Length,"
          + " a.Petal_Width)) FROM many a CROSS JOIN iris b CROSS JOIN iris c"
          + " WHERE c.Sepal_Length < 4.8";
  private static final String SHORT = "SELECT count(*) FROM iris WHERE Species = 'setosa'";

  @TempDir static Path work;

  @Test
  void aShortQueryGetsACoreWhileALongPredictHasTasksWaiting() throws Exception {
    Path many = Files.createDirectories(work.resolve("many"));
    for (int i = 0; i < FILES; i++) {
      Files.copy(TestData.data("iris.csv"), many.resolve("part-" + i + ".csv"));
    }
    try (RunningGateway gateway =
        RunningGateway.start(
            work, false, FairPoolsThroughJdbcTest::manyPools, StatementObserver.NONE)) {
      TaskOrder order = new TaskOrder();
      gateway.spark().sparkContext().addSparkListener(order);
      try (Connection longOne = gateway.connect();
          Connection shortOne = gateway.connect();
          Statement setup = longOne.createStatement()) {
        setup.execute(
            "CREATE EXTERNAL TABLE iris STORED AS CSV LOCATION '"
                + TestData.uri(TestData.data("iris.csv"))
                + "' OPTIONS (header 'true')");
        setup.execute(
            "CREATE EXTERNAL TABLE many STORED AS CSV LOCATION '"
                + many.toUri()
                + "' OPTIONS (header 'true')");
        setup.execute(
            "CREATE MODEL reg FROM '"
                + TestData.uri(TestData.model("onnxmltools_xgboost_regressor.onnx"))
                + "'");
        CompletableFuture<Long> predict = CompletableFuture.supplyAsync(() -> count(longOne, LONG));
        assertTrue(
            order.longStarted.await(2, TimeUnit.MINUTES), "the PREDICT's first task started");
        assertEquals(50L, count(shortOne, SHORT));
        assertEquals((long) FILES * 150 * 150 * 11, predict.get(5, TimeUnit.MINUTES));
        List<String> starts = List.copyOf(order.starts);
        int firstShort = starts.indexOf(SHORT);
        int lastLong = starts.lastIndexOf(LONG);
        assertTrue(firstShort >= 0 && lastLong >= FILES - 1, "tasks seen: " + starts.size());
        assertTrue(
            firstShort < lastLong,
            "the short query's first task started after the PREDICT's last one: " + starts);
        String longPool = order.pools.get(LONG);
        String shortPool = order.pools.get(SHORT);
        assertTrue(longPool != null && longPool.startsWith("scry-pool-"), "pool " + longPool);
        assertTrue(shortPool != null && shortPool.startsWith("scry-pool-"), "pool " + shortPool);
        // Each statement ran in its own session's pool, one of the configured 100,000 (also when an
        // earlier gateway of the JVM made the SparkContext: the gateway applies its own count).
        String longSession = sessionOf(order.groups.get(LONG));
        String shortSession = sessionOf(order.groups.get(SHORT));
        assertNotEquals(longSession, shortSession);
        assertEquals(poolOf(longSession, POOL_COUNT), longPool);
        assertEquals(poolOf(shortSession, POOL_COUNT), shortPool);
        assertNotEquals(longPool, shortPool);
      }
    }
  }

  private static final String POOLS = "spark.scry.scheduler.pools";
  private static final int POOL_COUNT = 100_000;

  /** The session part of a statement's job group, {@code scry-<session>-<operation>-<execution>}. */
  private static String sessionOf(String jobGroup) {
    int execution = jobGroup.lastIndexOf('-');
    return jobGroup.substring(0, jobGroup.lastIndexOf('-', execution - 1));
  }

  /** The pool a session's statements go to: the session's hash among the pools (docs/configuration.md). */
  private static String poolOf(String session, int pools) {
    return "scry-pool-" + Math.floorMod(session.hashCode(), pools);
  }

  /** Many pools, so that the two sessions' hashes share one once in 100,000 runs. */
  private static ScryConfig manyPools(ScryConfig config) {
    // One task per file of the PREDICT's table, so that it has more tasks than the two cores.
    return RunningGateway.withSpark(
        config,
        Map.of(POOLS, String.valueOf(POOL_COUNT), "spark.sql.files.maxPartitionBytes", "8k"));
  }

  private static long count(Connection connection, String sql) {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return ((Number) rows.getObject(1)).longValue();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The statement (its SQL, Spark's job description) of every task in the order tasks started. */
  private static final class TaskOrder extends SparkListener {
    final List<String> starts = new CopyOnWriteArrayList<>();
    final CountDownLatch longStarted = new CountDownLatch(1);
    final Map<String, String> pools = new ConcurrentHashMap<>();
    final Map<String, String> groups = new ConcurrentHashMap<>();
    private final Map<Integer, String> stages = new ConcurrentHashMap<>();

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted submitted) {
      String description =
          submitted.properties() == null
              ? null
              : submitted.properties().getProperty("spark.job.description");
      String statement = null;
      if (description != null && description.contains("PREDICT")) {
        statement = LONG;
      } else if (description != null && description.contains("'setosa'")) {
        statement = SHORT;
      }
      if (statement != null) {
        stages.put(submitted.stageInfo().stageId(), statement);
        String pool = submitted.properties().getProperty("spark.scheduler.pool");
        if (pool != null) {
          pools.put(statement, pool);
        }
        String group = submitted.properties().getProperty("spark.jobGroup.id");
        if (group != null) {
          groups.put(statement, group);
        }
      }
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart start) {
      String statement = stages.get(start.stageId());
      if (statement != null) {
        starts.add(statement);
        if (LONG.equals(statement)) {
          longStarted.countDown();
        }
      }
    }
  }
}
