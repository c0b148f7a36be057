package dev.scry.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.testing.ResultRows;
import dev.scry.testing.TestData;
import dev.scry.testing.TpchData;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same answers on a Spark standalone cluster as in local mode: a Master and two Workers (one core,
 * 1 GB each) as JVMs of their own on loopback, executors as JVMs started by the Workers, and a gateway
 * started with {@code ./scry serve} whose spark.master points at the Master. One cluster for the class;
 * the executor-kill test runs last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterIT {
  private static final String IRIS_PREDICT =
      """
      SELECT Species, output_label, output_probability_0, output_probability_1, output_probability_2
      FROM PREDICT(MODEL => '%s',
        DATA => (SELECT Species, ARRAY[Sepal_Length, Sepal_Width, Petal_Length, Petal_Width] AS float_input
                 FROM %s))""";

  /** Rows of the long query's table: iris repeated this many times. */
  private static final int IRIS_COPIES = 20_000;

  private static final int IRIS_FILES = 12;

  /**
   * TPC-H's pricing summary, shipping priority, local supplier volume, returned items and customer
   * distribution: joins, filters, aggregates, an outer join, ORDER BY with LIMIT.
   */
  private static final List<Integer> TPCH_QUERIES = List.of(1, 3, 5, 10, 13);

  private static final double TPCH_SCALE_FACTOR = 0.01;

  @TempDir static Path work;

  private StandaloneCluster cluster;
  private ScryServe onCluster;
  private RunningGateway local;

  @BeforeAll
  void start() throws Exception {
    List<String> ddl =
        new ArrayList<>(
            List.of(
                "CREATE EXTERNAL TABLE iris STORED AS CSV LOCATION '"
                    + TestData.uri(TestData.data("iris.csv"))
                    + "' OPTIONS (header 'true')",
                "CREATE MODEL iris_rf FROM '"
                    + TestData.uri(TestData.model("skl2onnx_rf_iris.onnx"))
                    + "'",
                "CREATE EXTERNAL TABLE titanic STORED AS CSV LOCATION '"
                    + TestData.uri(TestData.data("small_titanic.csv"))
                    + "' OPTIONS (header 'true', 'escape' '\"')",
                "CREATE MODEL titanic FROM '"
                    + TestData.uri(TestData.model("skl2onnx_titanic_pipeline_nozipmap.onnx"))
                    + "'"));
    try {
      cluster = StandaloneCluster.start(work.resolve("cluster"), 2);
      onCluster = ScryServe.start(work.resolve("gateway"), clusterConfig());
      local = RunningGateway.start(work);
      ddl.addAll(writeTpch(work.resolve("tpch")));
      for (Connection connection : List.of(onCluster.connect(), local.connect())) {
        try (connection;
            Statement statement = connection.createStatement()) {
          for (String sql : ddl) {
            statement.execute(sql);
          }
        }
      }
    } catch (Exception | AssertionError e) {
      stop();
      throw e;
    }
  }

  private String clusterConfig() {
    return """
        server:
          host: 127.0.0.1
          port: 0
        storage:
          - name: testdata
            root: %s
          - name: work
            root: %s
        warehouse: %s
        spark:
          master: %s
          conf:
            spark.driver.host: 127.0.0.1
            spark.driver.bindAddress: 127.0.0.1
            spark.executor.memory: 512m
            spark.cores.max: "2"
            spark.scheduler.minRegisteredResourcesRatio: "1.0"
            spark.scheduler.maxRegisteredResourcesWaitingTime: 120s
            spark.locality.wait: 0s
            spark.sql.shuffle.partitions: "4"
            spark.sql.files.maxPartitionBytes: 4m
        demo: false
        """
        .formatted(
            TestData.root(),
            work,
            work.resolve("gateway").resolve("warehouse"),
            cluster.masterUrl());
  }

  @AfterAll
  void stop() throws InterruptedException {
    if (local != null) {
      local.close();
    }
    if (onCluster != null) {
      onCluster.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void irisAndTitanicPredictGiveTheSameRowsAsLocalMode() throws Exception {
    // A leading comment marks each statement: the statement log shows the start of the SQL.
    String iris = "/* iris on the cluster */ " + IRIS_PREDICT.formatted("iris_rf", "iris");
    String titanic =
        "/* titanic on the cluster */ SELECT * FROM PREDICT(MODEL => 'titanic', DATA => TABLE titanic)";
    for (String sql : List.of(iris, titanic)) {
      List<List<Object>> expected = ResultRows.sorted(rows(local, sql));
      List<List<Object>> actual = ResultRows.sorted(rows(onCluster, sql));
      assertFalse(expected.isEmpty());
      ResultRows.assertSameRows(expected, actual, sql);
      assertRanOnExecutors(onCluster.awaitStatement(sql.substring(0, sql.indexOf("*/") + 2)));
    }
  }

  @Test
  @Order(2)
  void tpchQueriesGiveTheSameRowsAsLocalMode() throws Exception {
    Set<String> executors = new TreeSet<>();
    for (int q : TPCH_QUERIES) {
      String marker = "/* tpch query " + q + " */";
      String sql = marker + " " + TpchData.query(q);
      List<List<Object>> expected = rows(local, sql);
      assertFalse(expected.isEmpty(), marker + " has rows");
      ResultRows.assertSameRows(expected, rows(onCluster, sql), marker);
      ScryServe.StatementLog log = onCluster.awaitStatement(marker);
      assertRanOnExecutors(log);
      executors.addAll(log.executors());
    }
    assertEquals(
        2, executors.size(), "the joins and aggregates ran on both executors: " + executors);
  }

  @Test
  @Order(3)
  void aModelRegisteredAfterTheClusterStartedIsScoredOnTheExecutors() throws Exception {
    // Bytes of its own: a copy identical to iris_rf would reuse the sessions the executors already
    // hold.
    String create =
        "CREATE MODEL iris_late FROM '"
            + TestData.uri(distinctCopyOfIrisModel("iris_late", 2))
            + "'";
    for (Connection connection : List.of(onCluster.connect(), local.connect())) {
      try (connection;
          Statement statement = connection.createStatement()) {
        statement.execute(create);
      }
    }
    String sql = "/* the late model */ " + IRIS_PREDICT.formatted("iris_late", "iris");
    ResultRows.assertSameRows(
        ResultRows.sorted(rows(local, sql)), ResultRows.sorted(rows(onCluster, sql)), sql);
    ScryServe.StatementLog log = onCluster.awaitStatement("/* the late model */");
    assertRanOnExecutors(log);
    // The executors loaded the model themselves, from the registry, after the cluster had started.
    List<String> loads = new ArrayList<>();
    for (int worker = 0; worker < cluster.workerCount(); worker++) {
      cluster.executorLog(worker).stream()
          .filter(l -> l.contains("Loaded model iris_late:1"))
          .forEach(loads::add);
    }
    assertFalse(loads.isEmpty(), "an executor's log says it loaded iris_late");
    for (String load : loads) {
      assertTrue(
          load.contains("/_scry/models/iris_late/1/model.onnx"),
          "loaded from the registry: " + load);
      assertFalse(load.endsWith("on executor driver"), load);
    }
  }

  @Test
  @Order(4)
  void aKilledExecutorDoesNotFailTheQuery() throws Exception {
    Path big = work.resolve("iris_big");
    writeIrisCopies(big);
    Map<Long, Long> irisLabels =
        labelCounts(
            rows(
                local,
                "SELECT output_label, count(*) FROM PREDICT(MODEL => 'iris_rf', DATA => (SELECT ARRAY[Sepal_Length, "
                    + "Sepal_Width, Petal_Length, Petal_Width] AS float_input FROM iris)) GROUP BY output_label"));
    try (Connection connection = onCluster.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE EXTERNAL TABLE iris_big STORED AS CSV LOCATION '"
              + TestData.uri(big)
              + "' OPTIONS (header 'true')");
      statement.execute(
          "CREATE MODEL iris_long FROM '"
              + TestData.uri(distinctCopyOfIrisModel("iris_long", 1))
              + "'");
    }
    String sql =
        "/* the long query */ SELECT output_label, count(*) FROM PREDICT(MODEL => 'iris_long', DATA => (SELECT ARRAY["
            + "Sepal_Length, Sepal_Width, Petal_Length, Petal_Width] AS float_input FROM iris_big)) "
            + "GROUP BY output_label";
    CompletableFuture<List<List<Object>>> result =
        CompletableFuture.supplyAsync(
            () -> {
              try (Connection connection = onCluster.connect()) {
                return ResultRows.query(connection, sql);
              } catch (SQLException e) {
                throw new IllegalStateException(e);
              }
            });
    // An executor that loaded iris_long is scoring a partition of the long query right now: kill
    // it.
    ProcessHandle victim = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (victim == null && !result.isDone() && System.nanoTime() < deadline) {
      for (int worker = 0; worker < cluster.workerCount() && victim == null; worker++) {
        if (cluster.executorLog(worker).stream()
            .anyMatch(l -> l.contains("Loaded model iris_long:1"))) {
          victim = cluster.executorOf(worker).orElse(null);
        }
      }
      Thread.sleep(50);
    }
    if (victim == null) {
      String outcome =
          result.isDone()
              ? "finished: " + result.handle((rows, error) -> error == null ? rows : error).get()
              : "still running";
      throw new AssertionError(
          "No executor of the long query to kill; the query "
              + outcome
              + "\ngateway:\n"
              + onCluster.process().tail());
    }
    assertTrue(victim.destroyForcibly(), "killed executor " + victim.pid());

    Map<Long, Long> expected = new TreeMap<>();
    irisLabels.forEach((label, count) -> expected.put(label, count * IRIS_COPIES));
    assertEquals(expected, labelCounts(result.get(5, TimeUnit.MINUTES)));
    ScryServe.StatementLog log = onCluster.awaitStatement("/* the long query */");
    assertTrue(
        log.failedTasks() + log.rerunTasks() > 0,
        "the statement log says tasks were retried: " + log);
    assertRanOnExecutors(log);
  }

  /**
   * The iris forest with one unknown protobuf field appended (field 1000, varint 1), which ONNX readers
   * skip: the same model with other bytes, so no executor has a session for it yet and the first task
   * scoring it logs "Loaded model iris_long:1" (sessions are shared per SHA-256).
   */
  /**
   * rf_iris with an unknown protobuf field appended, {@code marker} its value: the same model with other
   * bytes. Executors keep one session per model checksum, so only a copy with bytes of its own is
   * certain to be loaded anew by the executors.
   */
  private static Path distinctCopyOfIrisModel(String name, int marker) throws Exception {
    byte[] model = Files.readAllBytes(TestData.model("skl2onnx_rf_iris.onnx"));
    byte[] copy = Arrays.copyOf(model, model.length + 3);
    copy[model.length] = (byte) 0xC0;
    copy[model.length + 1] = 0x3E;
    copy[model.length + 2] = (byte) marker;
    return Files.write(work.resolve(name + ".onnx"), copy);
  }

  /**
   * TPC-H's tables as Parquet, written by the Spark of this JVM (the local gateway's); returns their DDL,
   * for both gateways.
   */
  private static List<String> writeTpch(Path folder) {
    List<String> ddl = new ArrayList<>();
    for (String table :
        TpchData.write(SparkSession.builder().getOrCreate(), TPCH_SCALE_FACTOR, folder)) {
      ddl.add(
          "CREATE EXTERNAL TABLE "
              + table
              + " STORED AS PARQUET LOCATION '"
              + TestData.uri(TpchData.location(folder, table))
              + "'");
    }
    return ddl;
  }

  private static void writeIrisCopies(Path dir) throws Exception {
    Files.createDirectories(dir);
    List<String> iris = Files.readAllLines(TestData.data("iris.csv"));
    String header = iris.get(0);
    List<String> body = iris.subList(1, iris.size()).stream().filter(l -> !l.isBlank()).toList();
    for (int file = 0; file < IRIS_FILES; file++) {
      try (PrintWriter out =
          new PrintWriter(
              Files.newBufferedWriter(
                  dir.resolve("part-" + file + ".csv"), StandardCharsets.UTF_8))) {
        out.println(header);
        for (int copy = file; copy < IRIS_COPIES; copy += IRIS_FILES) {
          body.forEach(out::println);
        }
      }
    }
  }

  private static Map<Long, Long> labelCounts(List<List<Object>> rows) {
    Map<Long, Long> counts = new TreeMap<>();
    for (List<Object> row : rows) {
      counts.put(((Number) row.get(0)).longValue(), ((Number) row.get(1)).longValue());
    }
    return counts;
  }

  private static void assertRanOnExecutors(ScryServe.StatementLog log) {
    assertTrue(log.tasks() > 0, "tasks ran: " + log);
    assertFalse(log.executors().isEmpty(), "executors named: " + log);
    assertFalse(
        log.executors().contains("driver"), "the work ran on executors, not in the driver: " + log);
  }

  private static List<List<Object>> rows(RunningGateway gateway, String sql) throws SQLException {
    try (Connection connection = gateway.connect()) {
      return ResultRows.query(connection, sql);
    }
  }

  private static List<List<Object>> rows(ScryServe gateway, String sql) throws SQLException {
    try (Connection connection = gateway.connect()) {
      return ResultRows.query(connection, sql);
    }
  }
}
