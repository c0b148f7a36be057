package dev.scry.gateway;

import dev.scry.engine.QueryRunner;
import dev.scry.engine.SparkSessionFactory;
import dev.scry.engine.predict.OnnxPredictRunner;
import dev.scry.engine.storage.HadoopFileStore;
import dev.scry.engine.storage.SparkSchemaInferrer;
import dev.scry.engine.storage.SparkTableWriter;
import dev.scry.engine.translate.FileScanReader;
import dev.scry.gateway.avatica.CatalogMetadata;
import dev.scry.gateway.avatica.GatewayLimits;
import dev.scry.gateway.avatica.ScryMeta;
import dev.scry.gateway.config.ConfigException;
import dev.scry.gateway.config.LakeAccounts;
import dev.scry.gateway.config.ScryConfig;
import dev.scry.gateway.config.SecretSource;
import dev.scry.gateway.demo.DemoSetup;
import dev.scry.gateway.exec.SparkQueryEngine;
import dev.scry.gateway.exec.StatementExecutor;
import dev.scry.planner.ScryPlanner;
import dev.scry.planner.catalog.Catalog;
import dev.scry.planner.catalog.LocationPolicy;
import dev.scry.planner.catalog.ModelRegistry;
import dev.scry.planner.ddl.CommandExecutor;
import dev.scry.planner.ddl.TableWrites;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.avatica.remote.Driver;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.server.HttpServer;
import org.apache.calcite.avatica.server.ServerCustomizer;
import org.apache.spark.sql.SparkSession;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Scry gateway: the Spark session, the catalog and model registry under the warehouse, the
 * planner, and the Avatica HTTP server in front of them. {@link #start} returns once it accepts
 * connections.
 */
public final class Gateway implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

  private final ScryConfig config;
  private final SparkSession spark;
  private final HttpServer server;

  private Gateway(ScryConfig config, SparkSession spark, HttpServer server) {
    this.config = config;
    this.spark = spark;
    this.server = server;
  }

  public static Gateway start(ScryConfig config) {
    Objects.requireNonNull(config, "config");
    LakeAccounts accounts = lakeAccounts(config);
    SparkSession spark = SparkSessionFactory.create(config.spark().master(), config.spark().conf());
    accounts.applyTo(spark.sparkContext().hadoopConfiguration());
    HadoopFileStore files = new HadoopFileStore(spark);
    String warehouse = config.warehouseUri();
    Catalog catalog = Catalog.open(files, warehouse);
    List<String> roots = new ArrayList<>(allowedRoots(config));
    roots.addAll(accounts.rootUris());
    LocationPolicy locations = new LocationPolicy(roots);
    ModelRegistry models = new ModelRegistry(catalog, files, warehouse, locations);
    ScryPlanner planner = new ScryPlanner(catalog, models);
    QueryRunner runner = new QueryRunner(spark, new FileScanReader(spark), new OnnxPredictRunner());
    TableWrites writes = new TableWrites(catalog, planner, new SparkTableWriter(spark, runner), files, warehouse);
    CommandExecutor commands = new CommandExecutor(catalog, models, planner, new SparkSchemaInferrer(spark),
        locations, files, writes);
    StatementExecutor executor = new StatementExecutor(planner, commands, new SparkQueryEngine(runner), catalog);
    if (config.demoEnabled()) {
      new DemoSetup(spark, catalog, models, files, warehouse).ensureInstalled();
    }
    ScryMeta meta = new ScryMeta(executor, new CatalogMetadata(catalog), GatewayLimits.DEFAULTS);
    String host = config.server().host();
    HttpServer server = new HttpServer.Builder<Server>()
        .withHandler(new LocalService(meta), Driver.Serialization.PROTOBUF)
        .withPort(config.server().port())
        .withServerCustomizers(List.of(bindTo(host)), Server.class)
        .build();
    server.start();
    LOG.info("Scry gateway listening on {}:{}, warehouse {}", host, server.getPort(), warehouse);
    return new Gateway(config, spark, server);
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

  private static ServerCustomizer<Server> bindTo(String host) {
    return server -> {
      for (Connector connector : server.getConnectors()) {
        if (connector instanceof ServerConnector serverConnector) {
          serverConnector.setHost(host);
        }
      }
    };
  }

  public int port() {
    return server.getPort();
  }

  public String jdbcUrl() {
    return "jdbc:scry://" + config.server().host() + ":" + port();
  }

  /** Stops accepting connections. The Spark session stays with the JVM, which may start another gateway. */
  @Override
  public void close() {
    server.stop();
  }

  public SparkSession spark() {
    return spark;
  }
}
