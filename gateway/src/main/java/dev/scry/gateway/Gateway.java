package dev.scry.gateway;

import dev.scry.engine.ExecutionTaskListener;
import dev.scry.engine.QueryRunner;
import dev.scry.engine.SparkActivity;
import dev.scry.engine.SparkSessionFactory;
import dev.scry.engine.analyze.SparkQueryAnalyzer;
import dev.scry.engine.delta.DeltaLogReader;
import dev.scry.engine.delta.DeltaScanReader;
import dev.scry.engine.delta.DeltaTables;
import dev.scry.engine.drift.SparkInputMonitor;
import dev.scry.engine.predict.ModelUsage;
import dev.scry.engine.predict.OnnxPredictRunner;
import dev.scry.engine.predict.OrtModelRuntime;
import dev.scry.engine.predict.OrtSessionCache;
import dev.scry.engine.predict.ScoringObserver;
import dev.scry.engine.storage.HadoopFileStore;
import dev.scry.engine.storage.OwnedFileSystems;
import dev.scry.engine.storage.SparkSchemaInferrer;
import dev.scry.engine.storage.SparkTableWriter;
import dev.scry.engine.translate.FileRelationCache;
import dev.scry.engine.translate.FileScanReader;
import dev.scry.engine.translate.RelationCachePolicy;
import dev.scry.gateway.avatica.CatalogMetadata;
import dev.scry.gateway.avatica.ScryMeta;
import dev.scry.gateway.cache.InputListing;
import dev.scry.gateway.cache.ResultCache;
import dev.scry.gateway.cache.ResultCacheSettings;
import dev.scry.gateway.cache.ResultKeys;
import dev.scry.gateway.cache.ResultReuse;
import dev.scry.gateway.cache.ReuseReportingAnalyzer;
import dev.scry.gateway.config.ConfigException;
import dev.scry.gateway.config.LakeAccounts;
import dev.scry.gateway.config.ScryConfig;
import dev.scry.gateway.config.SecretSource;
import dev.scry.gateway.demo.DemoSetup;
import dev.scry.gateway.error.ErrorClassifier;
import dev.scry.gateway.error.ErrorReporter;
import dev.scry.gateway.error.StatementIds;
import dev.scry.gateway.exec.SparkQueryEngine;
import dev.scry.gateway.exec.StatementExecutor;
import dev.scry.gateway.flight.FlightSqlEndpoint;
import dev.scry.gateway.metrics.GatewayHealth;
import dev.scry.gateway.metrics.GatewayMetrics;
import dev.scry.gateway.metrics.GatewaySystemTables;
import dev.scry.gateway.metrics.StatementHistory;
import dev.scry.gateway.server.ErrorReportingService;
import dev.scry.gateway.server.GatewayHttpServer;
import dev.scry.gateway.server.ServerSecurity;
import dev.scry.gateway.session.GatewayLimits;
import dev.scry.gateway.session.SessionManager;
import dev.scry.gateway.session.StatementLog;
import dev.scry.gateway.session.StatementObserver;
import dev.scry.gateway.spark.ScrySparkSettings;
import dev.scry.gateway.spark.SparkDeployment;
import dev.scry.gateway.startup.LakeCheck;
import dev.scry.gateway.startup.ListenFailure;
import dev.scry.gateway.startup.WarehouseFailure;
import dev.scry.planner.ScryPlanner;
import dev.scry.planner.catalog.Catalog;
import dev.scry.planner.catalog.LocationPolicy;
import dev.scry.planner.catalog.ModelRegistry;
import dev.scry.planner.ddl.CommandEngine;
import dev.scry.planner.ddl.CommandExecutor;
import dev.scry.planner.ddl.LakeAccess;
import dev.scry.planner.drift.BaselineStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.remote.Service;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Scry gateway: the Spark session, the catalog and model registry under the warehouse, the
 * planner, and the Avatica HTTP server in front of them. {@link #start} returns once it accepts
 * connections.
 */
public final class Gateway implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

  /**
   * All start-up probes of the lake together. Each is bounded by its account's retry budget first (an
   * unreachable account fails in about 5 s, one that drops connections in about 11 s); this catches an
   * account that accepts connections but does not answer, which the read timeout alone would wait out.
   */
  private static final Duration LAKE_CHECK_DEADLINE = Duration.ofSeconds(15);

  private final ScryConfig config;
  private final SparkSession spark;
  private final GatewayHttpServer server;
  private final Optional<FlightSqlEndpoint> flight;
  private final ScheduledExecutorService expiry;
  private final Monitoring monitoring;
  private final String fileSystemOwner;

  /** What watches the gateway: its metrics registry and its Spark listeners, closed with it. */
  private record Monitoring(
      GatewayMetrics metrics,
      SparkActivity activity,
      ExecutionTaskListener tasks,
      SparkSession spark) {
    void close() {
      activity.detach();
      spark.sparkContext().removeSparkListener(tasks);
      metrics.close();
    }
  }

  private Gateway(
      ScryConfig config,
      SparkSession spark,
      GatewayHttpServer server,
      Optional<FlightSqlEndpoint> flight,
      ScheduledExecutorService expiry,
      Monitoring monitoring,
      String fileSystemOwner) {
    this.config = config;
    this.spark = spark;
    this.server = server;
    this.flight = flight;
    this.expiry = expiry;
    this.monitoring = monitoring;
    this.fileSystemOwner = fileSystemOwner;
  }

  public static Gateway start(ScryConfig config) {
    return start(config, StatementObserver.NONE);
  }

  /**
   * Starts a gateway whose statements are also reported to {@code observer} (tests watch frames
   * through it). Fails with {@link IllegalArgumentException} when a configured secret cannot be read, and
   * with {@link dev.scry.gateway.startup.StartupFailure} when the lake, the warehouse or the port cannot
   * be used (see docs/operations.md, "A failed start").
   */
  public static Gateway start(ScryConfig config, StatementObserver observer) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(observer, "observer");
    ServerSecurity security = ServerSecurity.from(config.server());
    LakeAccounts accounts = lakeAccounts(config);
    String master = config.spark().master();
    SparkSession spark =
        SparkSessionFactory.create(master, SparkDeployment.settings(master, config.spark().conf()));
    ScrySparkSettings.apply(spark, config.spark().conf());
    accounts.applyTo(spark.sparkContext().hadoopConfiguration());
    // The lake file systems made from here on are this gateway's, closed when it stops or fails to.
    String owner = "gateway-" + UUID.randomUUID();
    spark.sparkContext().hadoopConfiguration().set(OwnedFileSystems.OWNER, owner);
    try {
      return start(config, observer, security, accounts, spark, owner);
    } catch (RuntimeException e) {
      OwnedFileSystems.closeAll(owner);
      throw e;
    }
  }

  private static Gateway start(
      ScryConfig config,
      StatementObserver observer,
      ServerSecurity security,
      LakeAccounts accounts,
      SparkSession spark,
      String owner) {
    String warehouse = config.warehouseUri();
    new LakeCheck(spark.sparkContext().hadoopConfiguration(), LAKE_CHECK_DEADLINE)
        .check(accounts, warehouse);
    HadoopFileStore files = new HadoopFileStore(spark);
    Catalog catalog = openCatalog(files, warehouse);
    List<String> roots = new ArrayList<>(allowedRoots(config));
    roots.addAll(accounts.rootUris());
    LocationPolicy locations = new LocationPolicy(roots);
    ModelRegistry models =
        new ModelRegistry(
            catalog, files, warehouse, locations, new OrtModelRuntime(OrtSessionCache.shared()));
    ScryPlanner planner = new ScryPlanner(catalog, models, files);
    // One reader of Delta logs for the scans, schema inference and EXPLAIN's file counts.
    DeltaLogReader deltaLog = new DeltaLogReader(spark.sparkContext().hadoopConfiguration());
    FileScanReader scans =
        new FileScanReader(
            spark,
            new FileRelationCache(RelationCachePolicy.fromSpark(spark)),
            new DeltaScanReader(spark, deltaLog));
    SparkInputMonitor monitor = new SparkInputMonitor(spark, scans, new BaselineStore(files));
    ModelUsage usage = new ModelUsage();
    SparkActivity activity = SparkActivity.attach(spark.sparkContext());
    StatementHistory history = new StatementHistory(config.server().metrics().queryHistory());
    ExecutionTaskListener tasks = ExecutionTaskListener.attach(spark.sparkContext(), history);
    GatewaySystemTables systemTables = new GatewaySystemTables(history, usage, activity, tasks);
    QueryRunner runner =
        new QueryRunner(
            spark,
            scans,
            new OnnxPredictRunner(usage, spec -> ScoringObserver.NONE, monitor),
            systemTables,
            tasks);
    ResultReuse reuse = resultReuse(config, spark, scans);
    SparkTableWriter tableWriter = new SparkTableWriter(spark, runner);
    CommandExecutor commands =
        new CommandExecutor(
            catalog,
            models,
            planner,
            new LakeAccess(files, locations, new SparkSchemaInferrer(spark, deltaLog)),
            new CommandEngine(
                tableWriter,
                new DeltaTables(spark, tableWriter, deltaLog),
                new ReuseReportingAnalyzer(
                    new SparkQueryAnalyzer(spark, scans, usage, systemTables, tasks), reuse),
                monitor));
    StatementExecutor executor =
        new StatementExecutor(planner, commands, new SparkQueryEngine(runner), catalog, reuse);
    if (config.demoEnabled()) {
      new DemoSetup(spark, catalog, models, files, warehouse).ensureInstalled();
    }
    GatewayLimits limits = GatewayLimits.from(config.limits());
    ErrorReporter errors = new ErrorReporter(new ErrorClassifier(), StatementIds.newRun());
    GatewayMetrics metrics = GatewayMetrics.create(usage);
    SessionManager sessions =
        new SessionManager(
            executor,
            limits,
            errors,
            new StatementLog().andThen(metrics.statements()).andThen(history).andThen(observer));
    systemTables.attach(sessions);
    metrics.bind(sessions, activity);
    metrics.bindPlanReuse(executor);
    ScryMeta meta = new ScryMeta(sessions, executor, new CatalogMetadata(catalog));
    String host = config.server().host();
    Service service = new ErrorReportingService(new LocalService(meta), errors);
    GatewayHttpServer server;
    try {
      server =
          GatewayHttpServer.start(
              service,
              host,
              config.server().port(),
              security.tls(),
              security.authenticator(),
              new GatewayHealth(sessions, activity),
              errors,
              metrics,
              config.server().metrics().open());
    } catch (IllegalStateException e) {
      activity.detach();
      metrics.close();
      throw ListenFailure.of(host, config.server().port(), e);
    }
    Optional<FlightSqlEndpoint> flight;
    try {
      flight = startFlight(config, security, sessions, executor, catalog, errors);
    } catch (RuntimeException e) {
      server.close();
      activity.detach();
      metrics.close();
      throw e;
    }
    ScheduledExecutorService expiry =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "scry-idle-expiry");
              thread.setDaemon(true);
              return thread;
            });
    long period = Math.max(100, Math.min(limits.idleTimeout().toMillis() / 4, 30_000));
    expiry.scheduleWithFixedDelay(
        () -> {
          int expired = sessions.expireIdle();
          if (expired > 0) {
            LOG.info(
                "Closed {} connection(s) idle for more than {} s",
                expired,
                limits.idleTimeout().toSeconds());
          }
        },
        period,
        period,
        TimeUnit.MILLISECONDS);
    LOG.info(
        "Scry gateway listening on {}://{}:{} (authentication {}){}, warehouse {}",
        security.tls().isPresent() ? "https" : "http",
        host,
        server.port(),
        security.authenticator().isPresent() ? "basic" : "none",
        flight.map(f -> ", Flight SQL on port " + f.port()).orElse(""),
        warehouse);
    return new Gateway(
        config,
        spark,
        server,
        flight,
        expiry,
        new Monitoring(metrics, activity, tasks, spark),
        owner);
  }

  /** The Flight SQL port when the configuration asks for it, on the same sessions, users and keys. */
  private static Optional<FlightSqlEndpoint> startFlight(
      ScryConfig config,
      ServerSecurity security,
      SessionManager sessions,
      StatementExecutor executor,
      Catalog catalog,
      ErrorReporter errors) {
    ScryConfig.FlightConfig flight = config.server().flight();
    if (flight == null) {
      return Optional.empty();
    }
    String host = config.server().host();
    FlightSqlEndpoint.Settings settings =
        new FlightSqlEndpoint.Settings(
            host, flight.port(), security.tls(), security.authenticator(), version());
    try {
      return Optional.of(FlightSqlEndpoint.start(settings, sessions, executor, catalog, errors));
    } catch (IOException e) {
      throw ListenFailure.of(host, flight.port(), "server.flight.port", e);
    }
  }

  /** The gateway's version, from its jar's manifest (unknown when run from classes). */
  private static String version() {
    String version = Gateway.class.getPackage().getImplementationVersion();
    return version == null ? "unknown" : version;
  }

  /**
   * The result cache with the configured bounds; its keys take each scan's files from the scan reader's
   * kept relations (else list them through Spark's Hadoop settings).
   */
  private static ResultReuse resultReuse(
      ScryConfig config, SparkSession spark, FileScanReader scans) {
    return new ResultReuse(
        new ResultCache(ResultCacheSettings.from(config.resultCache()), System::nanoTime),
        new ResultKeys(
            new InputListing(spark.sparkContext().hadoopConfiguration()),
            scans::listedFiles,
            RelationCachePolicy.fromSpark(spark).ttl(),
            System::nanoTime));
  }

  /** The catalog under the warehouse; a warehouse that cannot be read or written stops the start. */
  private static Catalog openCatalog(HadoopFileStore files, String warehouse) {
    try {
      return Catalog.open(files, warehouse);
    } catch (RuntimeException e) {
      throw WarehouseFailure.of(warehouse, e);
    }
  }

  /** The storage accounts with their secrets; a configuration that cannot be used stops the start. */
  private static LakeAccounts lakeAccounts(ScryConfig config) {
    try {
      return LakeAccounts.from(config, SecretSource.system());
    } catch (ConfigException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** The roots SQL may name: every configured local folder and the warehouse (accounts come from LakeAccounts). */
  static List<String> allowedRoots(ScryConfig config) {
    List<String> roots = new ArrayList<>();
    for (ScryConfig.StorageConfig storage : config.storage()) {
      if (storage.root() != null) {
        roots.add(Path.of(storage.root()).toAbsolutePath().normalize().toUri().toString());
      }
    }
    roots.add(config.warehouseUri());
    return roots;
  }

  public int port() {
    return server.port();
  }

  /** The URL of Arrow's Flight SQL JDBC driver for the Flight SQL port, when it is on. */
  public Optional<String> flightUrl() {
    return flight.map(FlightSqlEndpoint::jdbcUrl);
  }

  /** The Flight SQL port, when it is on. */
  public Optional<Integer> flightPort() {
    return flight.map(FlightSqlEndpoint::port);
  }

  public String jdbcUrl() {
    return "jdbc:scry://"
        + config.server().host()
        + ":"
        + port()
        + (config.server().tls() == null ? "" : ";ssl=true");
  }

  /**
   * Stops accepting connections and closes the lake file systems this gateway's settings made. The Spark
   * session stays with the JVM, which may start another gateway.
   */
  @Override
  public void close() {
    expiry.shutdownNow();
    flight.ifPresent(FlightSqlEndpoint::close);
    server.close();
    monitoring.close();
    OwnedFileSystems.closeAll(fileSystemOwner);
  }

  public SparkSession spark() {
    return spark;
  }
}
