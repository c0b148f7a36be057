package dev.scry.gateway;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rand;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.scry.engine.SparkSessionFactory;
import dev.scry.testing.TestData;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a test of behaviour but the profile behind docs/benchmarks.md's "P3: fetching a result": P3's
 * query ({@code SELECT id, f0, f1, f2, f3, name}, the bench's six columns) over 1,000,000 rows, every
 * cell read with {@code getObject} through the Scry driver, from a gateway in a JVM of its own
 * recording JFR. Prints CPU time per 1,000,000 rows (the gateway's whole process, Spark's tasks
 * included; the client's reading thread), robust where wall time is not on a shared machine, and
 * where the execution samples fall on each side: by thread, by the innermost Scry method on the
 * stack, by leaf method. Runs only with {@code -Dscry.profile.fetch=true}: it takes a minute.
 */
@EnabledIfSystemProperty(named = "scry.profile.fetch", matches = "true")
class FetchProfileTest {
  private static final long ROWS = 1_000_000;
  private static final int WARMUPS = 3;
  private static final int RUNS = 5;
  private static final int TOP = 14;

  /** With {@code -Dscry.profile.jfr=false}: CPU times only, without JFR's own cost on them. */
  private static final boolean RECORD = !"false".equals(System.getProperty("scry.profile.jfr"));

  @TempDir Path work;

  @Test
  void profileAMillionRowFetch() throws Exception {
    Path table = work.resolve("data").resolve("scoring");
    writeScoringTable(table);
    Path gatewayRecording = work.resolve("gateway.jfr");
    String yaml =
        """
        server:
          host: 127.0.0.1
          port: 0
        storage:
          - name: data
            root: %s
        warehouse: %s
        spark:
          master: local[2]
        """
            .formatted(work.resolve("data"), work.resolve("warehouse"));
    List<String> jvm = List.of("-Xmx2g");
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    List<Long> gatewayCpu = new ArrayList<>();
    List<Long> clientCpu = new ArrayList<>();
    List<Long> wall = new ArrayList<>();
    Path clientRecording = work.resolve("client.jfr");
    Map<String, Long> threadCpu;
    try (ChildGateway gateway = ChildGateway.start(work, yaml, jvm, Map.of());
        Connection connection = DriverManager.getConnection(gateway.url());
        Statement statement = connection.createStatement()) {
      statement.execute("SET result_cache = off");
      statement.execute(
          "CREATE EXTERNAL TABLE scoring STORED AS PARQUET LOCATION '" + TestData.uri(table) + "'");
      ProcessHandle process = ProcessHandle.of(gateway.pid()).orElseThrow();
      for (int i = 0; i < WARMUPS; i++) {
        fetchAll(statement);
      }
      Map<String, Long> threadsBefore = threadCpuTicks(gateway.pid());
      if (RECORD) {
        jcmd(gateway.pid(), "JFR.start", "name=fetch", "settings=profile");
      }
      try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
        if (RECORD) {
          recording.start();
        }
        for (int i = 0; i < RUNS; i++) {
          long gatewayBefore = cpuNanos(process);
          long clientBefore = threads.getCurrentThreadCpuTime();
          long start = System.nanoTime();
          fetchAll(statement);
          wall.add(System.nanoTime() - start);
          clientCpu.add(threads.getCurrentThreadCpuTime() - clientBefore);
          gatewayCpu.add(cpuNanos(process) - gatewayBefore);
        }
        if (RECORD) {
          recording.dump(clientRecording);
        }
      }
      if (RECORD) {
        jcmd(gateway.pid(), "JFR.dump", "name=fetch", "filename=" + gatewayRecording);
      }
      threadCpu = threadCpuTicks(gateway.pid());
      threadsBefore.forEach((group, ticks) -> threadCpu.merge(group, -ticks, Long::sum));
    }
    System.out.printf(
        Locale.ROOT,
        "%nP3 profile, %,d rows x 6 columns, %d runs after %d warm-ups (medians per 1,000,000 rows):%n"
            + "  gateway process CPU %.3f s (runs %s)%n"
            + "  client thread CPU   %.3f s (runs %s)%n"
            + "  wall                %.3f s (runs %s)%n",
        ROWS,
        RUNS,
        WARMUPS,
        perMillion(median(gatewayCpu)),
        seconds(gatewayCpu),
        perMillion(median(clientCpu)),
        seconds(clientCpu),
        perMillion(median(wall)),
        seconds(wall));
    System.out.println("  gateway CPU by thread group over the measured runs, per 1,000,000 rows:");
    threadCpu.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(TOP)
        .forEach(
            e ->
                System.out.printf(
                    Locale.ROOT,
                    "    %.3f s  %s%n",
                    perMillion(e.getValue() * 10_000_000L) / RUNS,
                    e.getKey()));
    if (RECORD) {
      report("gateway", gatewayRecording);
      report("client", clientRecording);
    }
  }

  /** Reads every cell of P3's query with getObject; checks the rows and returns them. */
  private static void fetchAll(Statement statement) throws Exception {
    long count = 0;
    long idSum = 0;
    long nameChars = 0;
    try (ResultSet rs = statement.executeQuery("SELECT id, f0, f1, f2, f3, name FROM scoring")) {
      while (rs.next()) {
        count++;
        idSum += (Long) rs.getObject(1);
        for (int column = 2; column <= 5; column++) {
          double value = (Double) rs.getObject(column);
          if (value < 0) {
            throw new AssertionError("negative measurement " + value);
          }
        }
        nameChars += ((String) rs.getObject(6)).length();
      }
    }
    assertEquals(ROWS, count);
    assertEquals(ROWS * (ROWS + 1) / 2, idSum);
    long expectedChars = 0;
    for (long digits = 1, from = 1; from <= ROWS; digits++, from *= 10) {
      expectedChars += (Math.min(ROWS, from * 10 - 1) - from + 1) * (4 + digits);
    }
    assertEquals(expectedChars, nameChars);
  }

  /** The bench's scoring table (BenchData): ids 1..ROWS, four measurements, a name. */
  private static void writeScoringTable(Path table) {
    SparkSession spark =
        SparkSessionFactory.create("local[2]", Map.of("spark.sql.shuffle.partitions", "2"));
    spark
        .range(1, ROWS + 1, 1, 2)
        .select(
            col("id"),
            rand(42).multiply(3.6).plus(4.3).as("f0"),
            rand(43).multiply(2.4).plus(2.0).as("f1"),
            rand(44).multiply(5.9).plus(1.0).as("f2"),
            rand(45).multiply(2.4).plus(0.1).as("f3"),
            concat(lit("row-"), col("id").cast("string")).as("name"))
        .write()
        .parquet(table.toString());
  }

  /** Execution samples of {@code recording}: by thread, by innermost Scry method, by leaf method. */
  private static void report(String side, Path recording) throws IOException {
    Map<String, Integer> byThread = new HashMap<>();
    Map<String, Integer> byScryMethod = new HashMap<>();
    Map<String, Integer> byLeaf = new HashMap<>();
    int total = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
      if (!"jdk.ExecutionSample".equals(event.getEventType().getName())
          || event.getStackTrace() == null) {
        continue;
      }
      total++;
      String thread = event.getThread("sampledThread").getJavaName();
      String group = thread == null ? "?" : thread.replaceAll("[0-9]+", "#");
      byThread.merge(group, 1, Integer::sum);
      List<RecordedFrame> frames = event.getStackTrace().getFrames();
      if (!frames.isEmpty()) {
        byLeaf.merge(group(group) + " " + method(frames.get(0)), 1, Integer::sum);
      }
      String scry = "(no Scry frame)";
      for (RecordedFrame frame : frames) {
        String type = frame.getMethod().getType().getName();
        if (type.startsWith("dev.scry.") && !type.endsWith("FetchProfileTest")) {
          scry = method(frame);
          break;
        }
      }
      byScryMethod.merge(group(group) + " " + scry, 1, Integer::sum);
    }
    System.out.printf(Locale.ROOT, "%n%s: %d execution samples%n", side, total);
    print("by thread", byThread, total);
    print("by innermost Scry method", byScryMethod, total);
    print("by leaf method", byLeaf, total);
  }

  /** A short name for a thread group: Spark's task threads, Jetty's, the client's, or the name. */
  private static String group(String thread) {
    if (thread.startsWith("Executor task launch")) {
      return "[task]";
    }
    if (thread.startsWith("qtp") || thread.contains("jetty")) {
      return "[http]";
    }
    if ("main".equals(thread)) {
      return "[client]";
    }
    return "[" + thread + "]";
  }

  private static String method(RecordedFrame frame) {
    String type = frame.getMethod().getType().getName();
    return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
  }

  private static void print(String title, Map<String, Integer> counts, int total) {
    System.out.printf(Locale.ROOT, "  %s:%n", title);
    Map<Integer, List<String>> byCount = new TreeMap<>(Collections.reverseOrder());
    counts.forEach((key, count) -> byCount.computeIfAbsent(count, c -> new ArrayList<>()).add(key));
    int shown = 0;
    for (Map.Entry<Integer, List<String>> entry : byCount.entrySet()) {
      for (String key : entry.getValue()) {
        if (shown++ == TOP) {
          return;
        }
        System.out.printf(
            Locale.ROOT,
            "    %6d %5.1f%%  %s%n",
            entry.getKey(),
            100.0 * entry.getKey() / Math.max(1, total),
            key);
      }
    }
  }

  /** Runs {@code jcmd} of this JDK on the gateway's JVM (JFR only over the measured runs). */
  private static void jcmd(long pid, String... command) throws Exception {
    List<String> line = new ArrayList<>();
    line.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
    line.add(Long.toString(pid));
    line.addAll(List.of(command));
    Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(), "jcmd " + String.join(" ", command) + ": " + output);
  }

  /**
   * CPU time (clock ticks of 10 ms) of the gateway's threads so far, summed by the native thread name
   * with digits dropped (Jetty's qtp threads serve the requests, Spark's executor threads run the
   * tasks, then GC and JIT), from Linux's /proc; empty elsewhere.
   */
  private static Map<String, Long> threadCpuTicks(long pid) throws IOException {
    Map<String, Long> ticks = new HashMap<>();
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    if (!Files.isDirectory(tasks)) {
      return ticks;
    }
    try (var threads = Files.list(tasks)) {
      for (Path thread : threads.toList()) {
        try {
          String stat = Files.readString(thread.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          // After the name: state is field 3 of stat, utime field 14 and stime field 15.
          long used = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
          ticks.merge(name.replaceAll("[0-9]+", "#"), used, Long::sum);
        } catch (IOException | RuntimeException e) {
          // The thread ended while being read.
        }
      }
    }
    return ticks;
  }

  private static long cpuNanos(ProcessHandle process) {
    return process.info().totalCpuDuration().map(Duration::toNanos).orElseThrow();
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static double perMillion(long nanos) {
    return nanos / 1e9 * 1_000_000 / ROWS;
  }

  private static String seconds(List<Long> nanos) {
    List<String> values = new ArrayList<>();
    for (long value : nanos) {
      values.add(String.format(Locale.ROOT, "%.3f", value / 1e9));
    }
    return String.join(" ", values);
  }
}
