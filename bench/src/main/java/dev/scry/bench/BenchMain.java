package dev.scry.bench;

import dev.scry.engine.translate.RelationCachePolicy;
import dev.scry.gateway.Gateway;
import dev.scry.gateway.config.ScryConfig;
import dev.scry.testing.WideCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code ./scry bench [--quick]}: measures Scry against ONNX Runtime and Spark themselves, in one
 * process, on data it generates, and prints one table (also written, with the machine and settings, to
 * the file {@code --out} names; the launcher's default is under bench/target, never the docs).
 *
 * <p>The gateway runs in this JVM so that the baselines (an ONNX Runtime loop, Spark's own iterator,
 * spark.sql) share its machine, JIT and Spark session; the client is the Scry driver's shaded jar in
 * a class loader of its own (see {@link BenchClient}), talking HTTP over loopback.
 */
public final class BenchMain {
  private BenchMain() {}

  /** What to run: sizes and repetitions. */
  record Settings(
      long rows,
      List<Long> predictSizes,
      int repeats,
      int pointQueries,
      int catalogTables,
      Path out,
      Path testdata,
      Set<String> only) {
    /**
     * The rows of P1's main table, which the other PREDICT measures (P1d, P7c, P8, P9, P11) score: the
     * size of P1's nearest 1,000,000.
     */
    long predictRows() {
      return predictSizes.stream()
          .min(Comparator.comparingLong(size -> Math.abs(size - PredictThroughput.LARGE)))
          .orElseThrow();
    }

    /** Whether measure {@code id} (P1 … P11) is to run: all of them unless --only names some. */
    boolean runs(String id) {
      return only.isEmpty() || only.contains(id);
    }

    String describe() {
      return String.format(
          Locale.ROOT,
          "%,d rows (P1: %s), %d runs per measure after 1 warm-up, %d point queries"
              + " per run, %,d tables in P10's catalog%s",
          rows,
          predictSizes.stream().map(PredictThroughput::label).collect(Collectors.joining(", ")),
          repeats,
          pointQueries,
          catalogTables,
          only.isEmpty() ? "" : ", only " + String.join(",", new TreeSet<>(only)));
    }
  }

  public static void main(String[] args) throws Exception {
    Settings settings = parse(args);
    Path work = Files.createTempDirectory("scry-bench");
    List<BenchResult> results = run(settings, work);
    String table = BenchReport.table(results);
    System.out.println(table);
    if (settings.out() != null) {
      Path parent = settings.out().toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(settings.out(), BenchReport.page(settings.describe(), results));
      System.err.println("bench: written to " + settings.out());
    }
    System.exit(0);
  }

  static Settings parse(String[] args) {
    long rows = 1_000_000;
    boolean quick = false;
    List<Long> predictSizes = null; // P1's sizes: 100k, 1M and 10M; --quick leaves 10M out
    int repeats = 5;
    int points = 50;
    int catalogTables = 1_000;
    Path out = null;
    Set<String> only = Set.of();
    String testdata = System.getProperty("scry.testdata");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> {
          quick = true;
          rows = 200_000;
          points = 20;
        }
        case "--rows" -> rows = Long.parseLong(args[++i]);
        case "--predict-rows" ->
            predictSizes = Arrays.stream(args[++i].split(",")).map(Long::parseLong).toList();
        case "--repeats" -> repeats = Integer.parseInt(args[++i]);
        case "--catalog-tables" -> catalogTables = Integer.parseInt(args[++i]);
        // The last --out wins: the launcher puts its default first and the user's after it.
        case "--out" -> out = Path.of(args[++i]);
        case "--only" -> only = Set.of(args[++i].toUpperCase(Locale.ROOT).split(","));
        default ->
            throw new IllegalArgumentException(
                "bench: unknown option "
                    + args[i]
                    + "\nUsage: scry bench [--quick] [--rows N] [--predict-rows N[,N…]] [--repeats N] [--catalog-tables N]"
                    + " [--only P3,P4] [--out FILE]");
      }
    }
    if (predictSizes == null) {
      predictSizes =
          quick ? List.of(100_000L, 1_000_000L) : List.of(100_000L, 1_000_000L, 10_000_000L);
    }
    Path data = testdata == null ? null : Path.of(testdata);
    return new Settings(
        rows,
        predictSizes,
        repeats,
        points,
        catalogTables,
        out,
        data != null && Files.isDirectory(data) ? data : null,
        only);
  }

  static List<BenchResult> run(Settings settings, Path work) throws Exception {
    Sampler sampler =
        new Sampler(1, settings.repeats(), message -> System.err.println("bench: " + message));
    ScryConfig config =
        new ScryConfig(
            new ScryConfig.ServerConfig("127.0.0.1", 0, null)
                .withFlight(new ScryConfig.FlightConfig(0)),
            List.of(new ScryConfig.StorageConfig("bench", work.toString(), null, null, null)),
            work.resolve("warehouse").toString(),
            new ScryConfig.SparkConfig("local[*]", Map.of()),
            false);
    List<BenchResult> results = new ArrayList<>();
    try (Gateway gateway = Gateway.start(config)) {
      SparkSession spark = gateway.spark();
      BenchData data =
          new BenchData(
              spark,
              work.resolve("data"),
              settings.rows(),
              settings.predictRows(),
              settings.predictSizes());
      System.err.printf(
          Locale.ROOT,
          "bench: generating %,d rows (P1: %s)%n",
          settings.rows(),
          settings.predictSizes());
      data.generate();
      ScoringModel model = ScoringModel.choose(settings.testdata());
      try (BenchClient client = BenchClient.locate(BenchClient.configuredJar());
          Connection connection = client.connect(gateway.port())) {
        System.err.println("bench: client is " + client.describe());
        // Repeated runs must compute: only P9, on connections of its own, measures reuse.
        try (Statement noReuse = connection.createStatement()) {
          noReuse.execute("SET result_cache = off");
        }
        register(connection, data, model, work);
        for (String ddl : predictTables(data, settings.predictSizes())) {
          try (Statement statement = connection.createStatement()) {
            statement.execute(ddl);
          }
        }
        if (settings.runs("P1")) {
          results.addAll(
              new PredictThroughput(
                      sampler, connection, data, model, spark.sparkContext().defaultParallelism())
                  .atSizes(settings.predictSizes()));
          results.add(driftMonitoringOverhead(sampler, connection, model));
        }
        if (settings.runs("P8")) {
          List<String> setup = new ArrayList<>(List.of("CREATE SCHEMA bench"));
          setup.add(
              "CREATE EXTERNAL TABLE bench.predict STORED AS PARQUET LOCATION '"
                  + data.predictTable().toUri()
                  + "'");
          setup.add(
              "CREATE MODEL "
                  + model.name()
                  + " FROM '"
                  + work.resolve(model.name() + ".onnx").toUri()
                  + "'");
          results.add(
              new ScaleOut(sampler, client, work)
                  .measure(setup, model.predictQuery("bench.predict")));
        }
        if (settings.runs("P2")) {
          results.add(batchedVersusSingle(sampler, connection, model));
        }
        if (settings.runs("P3")) {
          results.addAll(new FetchBench(sampler, connection, spark).measure(data));
        }
        if (settings.runs("P7")) {
          FlightFetchBench flight =
              new FlightFetchBench(sampler, connection, gateway.flightPort().orElseThrow());
          results.addAll(
              flight.fetch(
                  sampler.seconds(
                      "P7 Spark toLocalIterator",
                      () -> localChecksum(spark, data.scoringTable()))));
          results.add(flight.predict(model));
        }
        if (settings.runs("P4")) {
          results.addAll(pointQueries(sampler, connection, spark, data, settings.pointQueries()));
        }
        if (settings.runs("P5")) {
          results.add(partitionBytes(sampler, connection));
        }
        if (settings.runs("P9") || settings.runs("P11")) {
          ReuseAndFairness measures =
              new ReuseAndFairness(
                  sampler,
                  () -> client.connect(gateway.port()),
                  model.predictQuery("bench.predict"));
          if (settings.runs("P9")) {
            results.add(measures.resultReuse(RelationCachePolicy.fromSpark(spark).ttl()));
          }
          if (settings.runs("P11")) {
            long ids = spark.read().parquet(data.scoringTable().toString()).count();
            results.add(
                measures.fairness(
                    "SELECT * FROM bench.scoring WHERE id = ?", ids, settings.pointQueries()));
          }
        }
        if (settings.runs("P10")) {
          results.addAll(catalogAtScale(sampler, connection, work, settings.catalogTables()));
        }
      }
    }
    if (settings.runs("P6")) {
      results.add(startup(sampler, work));
    }
    return results;
  }

  private static void register(Connection connection, BenchData data, ScoringModel model, Path work)
      throws SQLException, IOException {
    Path modelFile = Files.write(work.resolve(model.name() + ".onnx"), model.bytes());
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA bench");
      statement.execute(
          "CREATE EXTERNAL TABLE bench.scoring STORED AS PARQUET LOCATION '"
              + data.scoringTable().toUri()
              + "'");
      statement.execute(
          "CREATE EXTERNAL TABLE bench.predict STORED AS PARQUET LOCATION '"
              + data.predictTable().toUri()
              + "'");
      statement.execute(
          "CREATE EXTERNAL TABLE bench.parts STORED AS PARQUET LOCATION '"
              + data.partitionedTable().toUri()
              + "' PARTITIONED BY (part)");
      statement.execute("CREATE MODEL " + model.name() + " FROM '" + modelFile.toUri() + "'");
      // The same bytes with P1's rows as baseline: its PREDICTs feed input drift monitoring (P1d).
      statement.execute(
          "CREATE MODEL "
              + model.watched().name()
              + " FROM '"
              + modelFile.toUri()
              + "' WITH (baseline = '"
              + model.dataQuery().formatted("bench.predict").replace("'", "''")
              + "')");
    }
  }

  /**
   * P1d: P1's query on the same model bytes registered with and without a baseline, in one run: the
   * cost of accumulating the inputs' drift statistics in the scoring tasks.
   */
  private static BenchResult driftMonitoringOverhead(
      Sampler sampler, Connection connection, ScoringModel model) throws Exception {
    Measure off =
        sampler.seconds(
            "P1d PREDICT, inputs not monitored",
            () -> single(connection, model.predictQuery("bench.predict")));
    Measure on =
        sampler.seconds(
            "P1d PREDICT, inputs monitored",
            () -> single(connection, model.watched().predictQuery("bench.predict")));
    double ratio = off.median() / on.median();
    return new BenchResult(
        "P1d",
        "PREDICT throughput with input drift monitoring ÷ without (" + model.name() + ")",
        BenchReport.seconds(on),
        BenchReport.seconds(off),
        BenchReport.ratio(ratio),
        "≥ 0.95",
        ratio >= 0.95);
  }

  /** One table per size of P1's ({@link PredictThroughput#table}), on the same files as BenchData's. */
  private static List<String> predictTables(BenchData data, List<Long> sizes) {
    return sizes.stream()
        .distinct()
        .map(
            size ->
                "CREATE EXTERNAL TABLE "
                    + PredictThroughput.table(size)
                    + " STORED AS PARQUET LOCATION '"
                    + data.predictTable(size).toUri()
                    + "'")
        .toList();
  }

  /**
   * P2: batched scoring against batch size 1, both through the gateway, on every row: the same query, so
   * that both pay the same per-query cost (planning, the Spark job, the scan) and differ only in scoring.
   */
  private static BenchResult batchedVersusSingle(
      Sampler sampler, Connection connection, ScoringModel model) throws Exception {
    String query = model.predictQuery("bench.scoring");
    Measure batched = sampler.seconds("P2 batch 1024", () -> single(connection, query));
    Measure one;
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET predict.batch_size = 1");
      one = sampler.seconds("P2 batch 1", () -> single(connection, query));
      statement.execute("SET predict.batch_size = 1024");
    }
    double ratio = one.median() / batched.median();
    return new BenchResult(
        "P2",
        "batched scoring (1024) ÷ batch size 1, through the gateway",
        BenchReport.seconds(batched),
        BenchReport.seconds(one),
        BenchReport.ratio(ratio),
        "≥ 4",
        ratio >= 4);
  }

  /** P3's (and P7's) client: every row of {@code sql}'s six columns read through a JDBC driver. */
  static long fetchChecksum(Connection connection, String sql) throws SQLException {
    long checksum = 0;
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        checksum +=
            rs.getLong(1)
                + (long) rs.getDouble(2)
                + (long) rs.getDouble(5)
                + rs.getString(6).length();
      }
    }
    return checksum;
  }

  /** P3's (and P7's) baseline: the same rows through Spark's toLocalIterator in process. */
  static long localChecksum(SparkSession spark, Path table) {
    long checksum = 0;
    Iterator<Row> rows =
        spark
            .read()
            .parquet(table.toString())
            .select("id", "f0", "f1", "f2", "f3", "name")
            .toLocalIterator();
    while (rows.hasNext()) {
      Row row = rows.next();
      checksum +=
          row.getLong(0)
              + (long) row.getDouble(1)
              + (long) row.getDouble(4)
              + row.getString(5).length();
    }
    return checksum;
  }

  /** P4: point-query latency through JDBC against spark.sql in process; getTables latency. */
  private static List<BenchResult> pointQueries(
      Sampler sampler, Connection connection, SparkSession spark, BenchData data, int perRun)
      throws Exception {
    long rows = spark.read().parquet(data.scoringTable().toString()).count();
    Random random = new Random(7);
    // Each side looks up ids of its own: Spark compiles a query's code with its constants inlined
    // and
    // caches the class by its source, so the same id in both would let the second side reuse the
    // first one's compiled class and skip a compile that the first paid.
    Random localRandom = new Random(11);
    List<Double> jdbcSamples = new ArrayList<>();
    List<Double> sparkSamples = new ArrayList<>();
    spark.read().parquet(data.scoringTable().toString()).createOrReplaceTempView("bench_scoring");
    try (PreparedStatement point =
        connection.prepareStatement("SELECT * FROM bench.scoring WHERE id = ?")) {
      for (int run = 0; run < sampler.repeats() + 1; run++) {
        System.err.println("bench: P4 point queries, run " + (run + 1));
        for (int i = 0; i < perRun; i++) {
          long id = 1 + (long) (random.nextDouble() * rows);
          long start = System.nanoTime();
          point.setLong(1, id);
          try (ResultSet rs = point.executeQuery()) {
            if (!rs.next()) {
              throw new IllegalStateException("no row for id " + id);
            }
          }
          double jdbcSeconds = (System.nanoTime() - start) / 1e9;
          long localId = 1 + (long) (localRandom.nextDouble() * rows);
          start = System.nanoTime();
          List<Row> found =
              spark.sql("SELECT * FROM bench_scoring WHERE id = " + localId).collectAsList();
          double sparkSeconds = (System.nanoTime() - start) / 1e9;
          if (found.isEmpty()) {
            throw new IllegalStateException("spark found no row for id " + localId);
          }
          if (run > 0) {
            jdbcSamples.add(jdbcSeconds);
            sparkSamples.add(sparkSeconds);
          }
        }
      }
    }
    Measure jdbc = new Measure("P4 JDBC", "s", jdbcSamples);
    Measure local = new Measure("P4 spark.sql", "s", sparkSamples);
    Measure tables =
        sampler.seconds(
            "P4 getTables",
            () -> {
              DatabaseMetaData meta = connection.getMetaData();
              int count = 0;
              try (ResultSet rs = meta.getTables(null, "bench", "%", null)) {
                while (rs.next()) {
                  count++;
                }
              }
              return count;
            });
    double overhead = jdbc.median() - local.median();
    return List.of(
        new BenchResult(
            "P4",
            "point query p50 / p99 through JDBC ÷ spark.sql in process",
            BenchReport.millis(jdbc.median()) + " / " + BenchReport.millis(jdbc.percentile(99)),
            BenchReport.millis(local.median()) + " / " + BenchReport.millis(local.percentile(99)),
            "+" + BenchReport.millis(overhead) + " at p50",
            "overhead ≤ 20 ms",
            overhead <= 0.020),
        new BenchResult(
            "P4b",
            "DatabaseMetaData.getTables p50",
            BenchReport.millis(tables.median()),
            "—",
            "—",
            "—",
            true));
  }

  /**
   * P10: metadata calls on a catalog of 1,000 tables of 20 columns, made by DDL through the client: one
   * getTables of the schema (target 100 ms) and one getColumns over every schema and table (target 1 s).
   * They are answered from the catalog alone; there is no baseline to divide by, only the targets.
   */
  private static List<BenchResult> catalogAtScale(
      Sampler sampler, Connection connection, Path work, int tableCount) throws Exception {
    WideCatalog catalog = new WideCatalog("wide", tableCount, 20);
    Path folders = Files.createDirectories(work.resolve("wide"));
    long start = System.nanoTime();
    try (Statement statement = connection.createStatement()) {
      for (String ddl : catalog.ddl(folders.toUri().toString())) {
        statement.execute(ddl);
      }
    }
    System.err.printf(
        Locale.ROOT,
        "bench: P10 created %,d tables in %.1f s%n",
        catalog.tables(),
        (System.nanoTime() - start) / 1e9);
    DatabaseMetaData meta = connection.getMetaData();
    Measure tables =
        sampler.seconds("P10 getTables", () -> count(meta.getTables(null, "wide", "%", null)));
    Measure columns =
        sampler.seconds("P10 getColumns", () -> count(meta.getColumns(null, null, "%", "%")));
    return List.of(
        new BenchResult(
            "P10a",
            String.format(Locale.ROOT, "getTables, %,d tables (p50)", tableCount),
            BenchReport.millis(tables.median()),
            "—",
            "—",
            "≤ 100 ms",
            tables.median() <= 0.100),
        new BenchResult(
            "P10b",
            String.format(Locale.ROOT, "getColumns, %,d tables × 20 columns (p50)", tableCount),
            BenchReport.millis(columns.median()),
            "—",
            "—",
            "≤ 1 s",
            columns.median() <= 1.0));
  }

  private static int count(ResultSet rows) throws SQLException {
    try (rows) {
      int count = 0;
      while (rows.next()) {
        count++;
      }
      return count;
    }
  }

  /** P5: bytes read by a filter selecting one of the partitions against a full scan. */
  private static BenchResult partitionBytes(Sampler sampler, Connection connection)
      throws Exception {
    Measure filtered =
        bytesRead(
            sampler,
            connection,
            "SELECT count(*), avg(f0) FROM bench.parts WHERE part = 7",
            "P5 one partition");
    Measure full =
        bytesRead(sampler, connection, "SELECT count(*), avg(f0) FROM bench.parts", "P5 full scan");
    double ratio = filtered.median() / full.median();
    double target = 1.2 / BenchData.PARTITIONS;
    return new BenchResult(
        "P5",
        "bytes read, filter on 1 of " + BenchData.PARTITIONS + " partitions ÷ full scan",
        String.format(Locale.ROOT, "%,.0f B", filtered.median()),
        String.format(Locale.ROOT, "%,.0f B", full.median()),
        BenchReport.ratio(ratio),
        "≤ " + BenchReport.ratio(target),
        ratio <= target);
  }

  private static Measure bytesRead(Sampler sampler, Connection connection, String sql, String label)
      throws Exception {
    List<Double> samples = new ArrayList<>();
    for (int run = 0; run < sampler.repeats(); run++) {
      System.err.println("bench: " + label + " run " + (run + 1));
      long before = localBytesRead();
      single(connection, sql);
      samples.add((double) (localBytesRead() - before));
    }
    return new Measure(label, "B", samples);
  }

  @SuppressWarnings("deprecation")
  private static long localBytesRead() {
    long total = 0;
    for (FileSystem.Statistics statistics : FileSystem.getAllStatistics()) {
      if ("file".equals(statistics.getScheme())) {
        total += statistics.getBytesRead();
      }
    }
    return total;
  }

  /** P6: gateway start to ready, in a fresh JVM each time. */
  private static BenchResult startup(Sampler sampler, Path work) throws Exception {
    StartupProbe probe = new StartupProbe(work);
    Measure start = sampler.seconds("P6 start to ready", probe::startAndStop);
    return new BenchResult(
        "P6",
        "gateway start to ready (fresh JVM, 2 cores)",
        BenchReport.seconds(start),
        "—",
        "—",
        "≤ 10 s",
        start.median() <= 10);
  }

  /** Runs a query that returns one row and returns its first value. */
  private static Object single(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      if (!rs.next()) {
        throw new IllegalStateException("no row from " + sql);
      }
      return rs.getObject(1);
    }
  }
}
