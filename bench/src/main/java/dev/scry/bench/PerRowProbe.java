package dev.scry.bench;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import com.sun.management.OperatingSystemMXBean;
import dev.scry.gateway.Gateway;
import dev.scry.gateway.config.ScryConfig;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Where P1's per-row time goes, by CPU time: the P1 query through the driver, Spark-only variants of
 * its plan (scan alone, scan with the Row round trip of mapPartitions) and the ONNX Runtime loop, each
 * run {@code repeats} times on the same rows in one JVM, with the tasks' CPU, run and GC time from a
 * SparkListener, the process's CPU and GC time around each run, and each thread's CPU (VM threads
 * too: GC, JIT) from Linux's {@code /proc/self/task}. Robust to a shared machine where wall time is
 * not. A diagnostic, not a measure of the bench; run on the bench's class path (as {@code ./scry
 * bench} does) with {@code dev.scry.bench.PerRowProbe ROWS REPEATS [scan,rows,p1,loop]}, JFR options
 * added as needed (docs/benchmarks.md, "Per row, taken apart").
 */
public final class PerRowProbe {
  private PerRowProbe() {}

  /** Task metrics summed over the tasks that ended while a run was going. */
  static final class Tasks extends SparkListener {
    final ConcurrentLinkedQueue<long[]> ended = new ConcurrentLinkedQueue<>();

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
      TaskMetrics m = end.taskMetrics();
      if (m == null) {
        return;
      }
      ended.add(
          new long[] {
            m.executorCpuTime(),
            m.executorRunTime(),
            m.jvmGCTime(),
            m.inputMetrics().recordsRead(),
            end.stageId(),
            end.taskInfo().launchTime(),
            end.taskInfo().finishTime(),
            m.executorDeserializeCpuTime(),
            m.resultSerializationTime()
          });
    }
  }

  public static void main(String[] args) throws Exception {
    long rows = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000;
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    String only = args.length > 2 ? args[2] : "scan,rows,p1,loop";
    Path work = Files.createTempDirectory("scry-perrow");
    ScryConfig config =
        new ScryConfig(
            new ScryConfig.ServerConfig("127.0.0.1", 0, null),
            List.of(new ScryConfig.StorageConfig("bench", work.toString(), null, null, null)),
            work.resolve("warehouse").toString(),
            new ScryConfig.SparkConfig("local[*]", Map.of()),
            false);
    try (Gateway gateway = Gateway.start(config)) {
      SparkSession spark = gateway.spark();
      BenchData data = new BenchData(spark, work.resolve("data"), 1_000, rows, List.of(rows));
      data.generate();
      Tasks tasks = new Tasks();
      spark.sparkContext().addSparkListener(tasks);
      ScoringModel model = ScoringModel.choose(Path.of(System.getProperty("scry.testdata")));
      Path modelFile = Files.write(work.resolve("rf_iris.onnx"), model.bytes());
      String table = data.predictTable(rows).toString();
      try (BenchClient client = BenchClient.locate(BenchClient.configuredJar());
          Connection connection = client.connect(gateway.port())) {
        try (Statement s = connection.createStatement()) {
          s.execute("SET result_cache = off");
          s.execute("CREATE SCHEMA bench");
          s.execute(
              "CREATE EXTERNAL TABLE bench.t STORED AS PARQUET LOCATION '"
                  + data.predictTable(rows).toUri()
                  + "'");
          s.execute("CREATE MODEL " + model.name() + " FROM '" + modelFile.toUri() + "'");
        }
        String query = model.predictQuery("bench.t");
        System.err.println("probe: " + query);
        Dataset<Row> scan = spark.read().parquet(table).select("f0", "f1", "f2", "f3");
        if (only.contains("scan")) {
          measure(
              "scan+agg",
              rows,
              repeats,
              tasks,
              () -> scan.agg(count(lit(1)), avg(col("f0"))).collectAsList());
        }
        if (only.contains("rows")) {
          measure(
              "scan+Row round trip+agg",
              rows,
              repeats,
              tasks,
              () ->
                  scan.mapPartitions(new Identity(), Encoders.row(scan.schema()))
                      .agg(count(lit(1)), avg(col("f0")))
                      .collectAsList());
        }
        if (only.contains("p1")) {
          measure("P1 through JDBC", rows, repeats, tasks, () -> single(connection, query));
        }
      }
      if (only.contains("loop")) {
        float[] flat = data.measurements(data.predictTable(rows));
        int threads = spark.sparkContext().defaultParallelism();
        try (OrtLoopBaseline loop =
            new OrtLoopBaseline(
                model.bytes(), model.inputs(), model.probabilityOutput(), threads)) {
          measure(
              "ONNX Runtime loop",
              rows,
              repeats,
              tasks,
              () -> loop.score(flat, BenchData.MEASUREMENTS, 1024));
        }
      }
    }
    System.exit(0);
  }

  static final class Identity implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
      return input;
    }
  }

  private static Object single(Connection connection, String sql) throws Exception {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getObject(2);
    }
  }

  private static void measure(
      String label, long rows, int repeats, Tasks tasks, Callable<Object> run) throws Exception {
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    run.call(); // warm-up
    for (int r = 0; r < repeats; r++) {
      tasks.ended.clear();
      Map<String, Long> threads0 = ThreadCpu.snapshot("self");
      long gc0 = gcMillis();
      long cpu0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      Object result = run.call();
      long wall = System.nanoTime() - t0;
      long cpu = os.getProcessCpuTime() - cpu0;
      long gc = gcMillis() - gc0;
      Map<String, Long> threads1 = ThreadCpu.snapshot("self");
      Thread.sleep(300); // the listener bus delivers task ends asynchronously
      List<long[]> ended = new ArrayList<>(tasks.ended);
      long taskCpu = 0;
      long taskRun = 0;
      long taskGc = 0;
      StringBuilder timeline = new StringBuilder();
      long first = ended.stream().mapToLong(e -> e[5]).min().orElse(0);
      for (long[] e : ended) {
        taskCpu += e[0];
        taskRun += e[1];
        taskGc += e[2];
        timeline.append(
            String.format(
                Locale.ROOT,
                " [s%d %,d rec %d-%d ms cpu %d]",
                e[4],
                e[3],
                e[5] - first,
                e[6] - first,
                e[0] / 1_000_000));
      }
      double perM = 1_000_000.0 / rows;
      System.err.printf(
          Locale.ROOT,
          "probe: %-26s wall %.3f s | process CPU %.3f s/M | tasks CPU %.3f s/M run %.3f s/M"
              + " GC %.3f s/M | JVM GC %d ms | %s%n",
          label,
          wall / 1e9,
          cpu / 1e9 * perM,
          taskCpu / 1e9 * perM,
          taskRun / 1e3 * perM,
          taskGc / 1e3 * perM,
          gc,
          result);
      System.err.println("probe:   tasks" + timeline);
      System.err.println(
          "probe:   threads (CPU ms, /proc ticks)" + byThreadGroup(threads0, threads1));
    }
  }

  /** The groups of this JVM's threads that used CPU between the snapshots, most first. */
  private static String byThreadGroup(Map<String, Long> before, Map<String, Long> after) {
    StringBuilder out = new StringBuilder();
    ThreadCpu.millisByGroup(before, after).entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
        .forEach(
            e -> out.append(" [").append(e.getKey()).append(' ').append(e.getValue()).append(']'));
    return out.toString();
  }

  private static long gcMillis() {
    long sum = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      sum += Math.max(0, gc.getCollectionTime());
    }
    return sum;
  }
}
