package dev.scry.bench;

import dev.scry.engine.SparkSessionFactory;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.apache.spark.sql.SparkSession;

/**
 * The profile behind docs/benchmarks.md's "P3: fetching a result": P3's query ({@code SELECT id, f0,
 * f1, f2, f3, name}, the bench's six columns) over the bench's scoring table, every cell read with
 * {@code getObject} through the bench's client (the Scry driver's shaded jar), from a gateway in a JVM
 * of its own ({@link ChildGateway}, {@code local[2]}) recording JFR. Prints CPU time per 1,000,000
 * rows (the gateway's whole process, Spark's tasks included, and by thread group; the client's reading
 * thread), robust where wall time is not on a shared machine, and where the execution samples fall on
 * each side ({@link FetchSamples}). A diagnostic, not a measure of the bench; run on the bench's class
 * path (as {@code ./scry bench} does) with {@code dev.scry.bench.FetchProfile [--rows N] [--warmups N]
 * [--runs N] [--no-jfr]} (defaults 1,000,000 rows, 3 warm-ups, 5 runs; {@code --no-jfr} for CPU times
 * without JFR's own cost). It records JFR itself, with jcmd, over the measured runs only: JFR options on
 * its command line would reach the gateway's JVM too.
 */
public final class FetchProfile {
  private static final String QUERY = "SELECT id, f0, f1, f2, f3, name FROM scoring";

  private final Options options;

  private FetchProfile(Options options) {
    this.options = options;
  }

  /** What to run: the table's rows, warm-ups and measured runs, and whether to record JFR. */
  record Options(long rows, int warmups, int runs, boolean jfr) {
    Options {
      if (rows < 1 || warmups < 0 || runs < 1) {
        throw new IllegalArgumentException(
            "FetchProfile needs at least 1 row and 1 run and no negative warm-ups, not --rows "
                + rows
                + " --warmups "
                + warmups
                + " --runs "
                + runs);
      }
    }

    static Options parse(String... args) {
      long rows = 1_000_000;
      int warmups = 3;
      int runs = 5;
      boolean jfr = true;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--rows" -> rows = number(args, ++i);
          case "--warmups" -> warmups = Math.toIntExact(number(args, ++i));
          case "--runs" -> runs = Math.toIntExact(number(args, ++i));
          case "--no-jfr" -> jfr = false;
          default ->
              throw new IllegalArgumentException(
                  "FetchProfile takes [--rows N] [--warmups N] [--runs N] [--no-jfr], not "
                      + args[i]);
        }
      }
      return new Options(rows, warmups, runs, jfr);
    }

    private static long number(String[] args, int at) {
      try {
        return Long.parseLong(args[at]);
      } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
        throw new IllegalArgumentException(
            "FetchProfile's " + args[at - 1] + " needs a whole number after it", e);
      }
    }
  }

  public static void main(String[] args) throws Exception {
    Path work = Files.createTempDirectory("scry-fetch-profile");
    new FetchProfile(Options.parse(args)).run(work);
    System.exit(0);
  }

  private void run(Path work) throws Exception {
    Path data = work.resolve("data");
    Path table = writeScoringTable(data);
    Path gatewayRecording = work.resolve("gateway.jfr");
    Path clientRecording = work.resolve("client.jfr");
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    List<Long> gatewayCpu = new ArrayList<>();
    List<Long> clientCpu = new ArrayList<>();
    List<Long> wall = new ArrayList<>();
    Map<String, Long> threadCpu;
    try (ChildGateway gateway =
            ChildGateway.start(work.resolve("gateway"), "local[2]", data, null, "2g");
        BenchClient client = BenchClient.locate(BenchClient.configuredJar());
        Connection connection = client.connect(gateway.port());
        Statement statement = connection.createStatement()) {
      System.err.println(
          "profile: client " + client.describe() + "; table, logs, recordings in " + work);
      statement.execute("SET result_cache = off");
      statement.execute(
          "CREATE EXTERNAL TABLE scoring STORED AS PARQUET LOCATION '" + table.toUri() + "'");
      ProcessHandle process = ProcessHandle.of(gateway.pid()).orElseThrow();
      for (int i = 0; i < options.warmups(); i++) {
        fetchAll(statement);
      }
      Map<String, Long> threadsBefore = ThreadCpu.snapshot(Long.toString(gateway.pid()));
      if (options.jfr()) {
        jcmd(gateway.pid(), "JFR.start", "name=fetch", "settings=profile");
      }
      try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
        if (options.jfr()) {
          recording.start();
        }
        for (int i = 0; i < options.runs(); i++) {
          long gatewayBefore = cpuNanos(process);
          long clientBefore = threads.getCurrentThreadCpuTime();
          long start = System.nanoTime();
          fetchAll(statement);
          wall.add(System.nanoTime() - start);
          clientCpu.add(threads.getCurrentThreadCpuTime() - clientBefore);
          gatewayCpu.add(cpuNanos(process) - gatewayBefore);
        }
        if (options.jfr()) {
          recording.dump(clientRecording);
        }
      }
      if (options.jfr()) {
        jcmd(gateway.pid(), "JFR.dump", "name=fetch", "filename=" + gatewayRecording);
      }
      threadCpu =
          ThreadCpu.millisByGroup(threadsBefore, ThreadCpu.snapshot(Long.toString(gateway.pid())));
    }
    System.out.printf(
        Locale.ROOT,
        "%nP3 profile, %,d rows x 6 columns, %d runs after %d warm-ups (medians per 1,000,000 rows):%n"
            + "  gateway process CPU %.3f s (runs %s)%n"
            + "  client thread CPU   %.3f s (runs %s)%n"
            + "  wall                %.3f s (runs %s)%n",
        options.rows(),
        options.runs(),
        options.warmups(),
        perMillion(median(gatewayCpu)),
        seconds(gatewayCpu),
        perMillion(median(clientCpu)),
        seconds(clientCpu),
        perMillion(median(wall)),
        seconds(wall));
    System.out.println("  gateway CPU by thread group over the measured runs, per 1,000,000 rows:");
    threadCpu.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(FetchSamples.TOP)
        .forEach(
            e ->
                System.out.printf(
                    Locale.ROOT,
                    "    %.3f s  %s%n",
                    perMillion(e.getValue() * 1_000_000L) / options.runs(),
                    e.getKey()));
    if (options.jfr()) {
      FetchSamples.report("gateway", gatewayRecording);
      FetchSamples.report("client", clientRecording);
    }
  }

  /**
   * The bench's scoring table (BenchData) of the chosen rows, written by a Spark session of this JVM's
   * that is stopped before the gateway starts, so that it takes no part in the client's figures.
   */
  private Path writeScoringTable(Path data) {
    SparkSession spark =
        SparkSessionFactory.create("local[2]", Map.of("spark.sql.shuffle.partitions", "2"));
    try {
      long rows = options.rows();
      return new BenchData(spark, data, rows, rows, List.of(rows)).generateScoringTable();
    } finally {
      spark.stop();
    }
  }

  /** Reads every cell of P3's query with getObject and checks the rows against the table's. */
  private void fetchAll(Statement statement) throws Exception {
    long rows = options.rows();
    long count = 0;
    long idSum = 0;
    long nameChars = 0;
    try (ResultSet rs = statement.executeQuery(QUERY)) {
      while (rs.next()) {
        count++;
        idSum += (Long) rs.getObject(1);
        for (int column = 2; column <= 5; column++) {
          double value = (Double) rs.getObject(column);
          if (value < 0) {
            throw new IllegalStateException(
                "Column " + column + " of P3's query held " + value + ", below every measurement");
          }
        }
        nameChars += ((String) rs.getObject(6)).length();
      }
    }
    check(count == rows, "P3's query returned " + count + " rows, not the table's " + rows);
    long ids = rows * (rows + 1) / 2;
    check(idSum == ids, "The ids P3's query returned sum to " + idSum + ", not " + ids);
    long expectedChars = 0;
    for (long digits = 1, from = 1; from <= rows; digits++, from *= 10) {
      expectedChars += (Math.min(rows, from * 10 - 1) - from + 1) * (4 + digits);
    }
    check(
        nameChars == expectedChars,
        "The names P3's query returned hold " + nameChars + " characters, not " + expectedChars);
  }

  private static void check(boolean holds, String otherwise) {
    if (!holds) {
      throw new IllegalStateException(otherwise);
    }
  }

  /** Runs {@code jcmd} of this JDK on the gateway's JVM (JFR only over the measured runs). */
  private static void jcmd(long pid, String... command) throws IOException, InterruptedException {
    List<String> line = new ArrayList<>();
    line.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
    line.add(Long.toString(pid));
    line.addAll(List.of(command));
    Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = process.waitFor();
    check(
        exit == 0,
        "jcmd "
            + String.join(" ", command)
            + " on the gateway (pid "
            + pid
            + ") exited with "
            + exit
            + ": "
            + output.strip());
  }

  private static long cpuNanos(ProcessHandle process) {
    return process
        .info()
        .totalCpuDuration()
        .map(Duration::toNanos)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "The gateway's CPU time (pid " + process.pid() + ") is not available here"));
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private double perMillion(long nanos) {
    return nanos / 1e9 * 1_000_000 / options.rows();
  }

  private static String seconds(List<Long> nanos) {
    List<String> values = new ArrayList<>();
    for (long value : nanos) {
      values.add(String.format(Locale.ROOT, "%.3f", value / 1e9));
    }
    return String.join(" ", values);
  }
}
