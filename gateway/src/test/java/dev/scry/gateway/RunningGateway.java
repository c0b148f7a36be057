package dev.scry.gateway;

import dev.scry.gateway.config.ScryConfig;
import dev.scry.gateway.session.StatementObserver;
import dev.scry.testing.TestData;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.SparkSession;

/**
 * A gateway for tests: a real server on a free loopback port, Spark in local mode, a warehouse in a
 * folder of the test's, and read access to the repository's testdata/ and that folder.
 */
public final class RunningGateway implements AutoCloseable {
  private final Gateway gateway;

  private RunningGateway(Gateway gateway) {
    this.gateway = gateway;
  }

  public static RunningGateway start(Path workDir) {
    return start(workDir, false);
  }

  public static RunningGateway start(Path workDir, boolean demo) {
    return start(workDir, demo, config -> config, StatementObserver.NONE);
  }

  /** A gateway on the test configuration as {@code customize} changes it, reporting to {@code observer}. */
  public static RunningGateway start(
      Path workDir, boolean demo, UnaryOperator<ScryConfig> customize, StatementObserver observer) {
    return new RunningGateway(Gateway.start(customize.apply(testConfig(workDir, demo)), observer));
  }

  public static ScryConfig testConfig(Path workDir, boolean demo) {
    return config(
        workDir, List.of(), workDir.resolve("warehouse").toAbsolutePath().toString(), demo);
  }

  /** The test configuration: testdata/ and {@code workDir} readable, plus {@code moreStorage}. */
  public static ScryConfig config(
      Path workDir, List<ScryConfig.StorageConfig> moreStorage, String warehouse, boolean demo) {
    List<ScryConfig.StorageConfig> storage =
        new ArrayList<>(
            List.of(
                new ScryConfig.StorageConfig(
                    "testdata", TestData.root().toString(), null, null, null),
                new ScryConfig.StorageConfig(
                    "work", workDir.toAbsolutePath().toString(), null, null, null)));
    storage.addAll(moreStorage);
    return new ScryConfig(
        new ScryConfig.ServerConfig("127.0.0.1", 0, null),
        storage,
        warehouse,
        new ScryConfig.SparkConfig("local[2]", Map.of("spark.sql.shuffle.partitions", "2")),
        demo);
  }

  /** {@code config} with {@code settings} added to its Spark settings. */
  public static ScryConfig withSpark(ScryConfig config, Map<String, String> settings) {
    Map<String, String> spark = new HashMap<>(config.spark().conf());
    spark.putAll(settings);
    return new ScryConfig(
        config.server(),
        config.storage(),
        config.warehouse(),
        new ScryConfig.SparkConfig(config.spark().master(), spark),
        config.demo(),
        config.limits());
  }

  /** A gateway with the Flight SQL port on (any free port) beside the JDBC one. */
  public static RunningGateway startWithFlight(
      Path workDir, UnaryOperator<ScryConfig> customize, StatementObserver observer) {
    return start(
        workDir,
        false,
        config -> {
          ScryConfig custom = customize.apply(config);
          return new ScryConfig(
              custom.server().withFlight(new ScryConfig.FlightConfig(0)),
              custom.storage(),
              custom.warehouse(),
              custom.spark(),
              custom.demo(),
              custom.limits());
        },
        observer);
  }

  public static RunningGateway start(ScryConfig config) {
    return new RunningGateway(Gateway.start(config));
  }

  /** The gateway's Spark session (tests watch its jobs and write data with it). */
  public SparkSession spark() {
    return gateway.spark();
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(gateway.jdbcUrl());
  }

  public Connection connect(Properties properties) throws SQLException {
    return DriverManager.getConnection(gateway.jdbcUrl(), properties);
  }

  public String url() {
    return gateway.jdbcUrl();
  }

  /**
   * The URL for a client the tests compare: {@code "scry"} is the Scry driver, {@code "protobuf"} and
   * {@code "json"} the plain Avatica driver with that serialization.
   */
  public String clientUrl(String client) {
    return client.equals("scry") ? url() : avaticaUrl(client);
  }

  /** The plain Avatica driver's URL with {@code serialization} (protobuf or json). */
  public String avaticaUrl(String serialization) {
    return "jdbc:avatica:remote:url=http://127.0.0.1:" + port() + ";serialization=" + serialization;
  }

  public int port() {
    return gateway.port();
  }

  /** The Flight SQL port; an error when the gateway runs without it. */
  public int flightPort() {
    return gateway.flightPort().orElseThrow();
  }

  /** The URL of Arrow's Flight SQL JDBC driver for this gateway. */
  public String flightUrl() {
    return gateway.flightUrl().orElseThrow();
  }

  @Override
  public void close() {
    gateway.close();
  }
}
