package dev.scry.gateway.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway's configuration file (YAML). Every section is optional; what is left out takes the
 * embedded defaults documented in docs/configuration.md.
 */
public record ScryConfig(
    ServerConfig server,
    List<StorageConfig> storage,
    String warehouse,
    SparkConfig spark,
    Boolean demo,
    LimitsConfig limits,
    @JsonProperty("result-cache") ResultCacheConfig resultCache) {
  public ScryConfig {
    server = server == null ? ServerConfig.DEFAULT : server;
    storage = storage == null ? List.of() : List.copyOf(storage);
    spark = spark == null ? SparkConfig.DEFAULT : spark;
    limits = limits == null ? LimitsConfig.DEFAULT : limits;
    resultCache = resultCache == null ? ResultCacheConfig.DEFAULT : resultCache;
  }

  /** A configuration with the default result cache. */
  public ScryConfig(
      ServerConfig server,
      List<StorageConfig> storage,
      String warehouse,
      SparkConfig spark,
      Boolean demo,
      LimitsConfig limits) {
    this(server, storage, warehouse, spark, demo, limits, null);
  }

  /** A configuration with the default limits. */
  public ScryConfig(
      ServerConfig server,
      List<StorageConfig> storage,
      String warehouse,
      SparkConfig spark,
      Boolean demo) {
    this(server, storage, warehouse, spark, demo, null);
  }

  /**
   * The defaults: loopback, port 8765 and the Flight SQL port 8815, a warehouse under ./.scry, Spark
   * local[*], the demo schema.
   */
  public static ScryConfig embeddedDefaults() {
    return new ScryConfig(
        new ServerConfig(null, null, null, null, FlightConfig.DEFAULT, null),
        null,
        null,
        null,
        true);
  }

  public ScryConfig withPort(int port) {
    return new ScryConfig(
        new ServerConfig(
            server.host(), port, server.auth(), server.tls(), server.flight(), server.metrics()),
        storage,
        warehouse,
        spark,
        demo,
        limits,
        resultCache);
  }

  /** The Flight SQL port on at {@code port} (0: any free port), whatever the file said. */
  public ScryConfig withFlightPort(int port) {
    return new ScryConfig(
        server.withFlight(new FlightConfig(port)), storage, warehouse, spark, demo, limits);
  }

  public ScryConfig withWarehouse(String newWarehouse) {
    return new ScryConfig(server, storage, newWarehouse, spark, demo, limits, resultCache);
  }

  public ScryConfig withDemo(boolean enabled) {
    return new ScryConfig(server, storage, warehouse, spark, enabled, limits, resultCache);
  }

  public ScryConfig withResultCache(ResultCacheConfig cache) {
    return new ScryConfig(server, storage, warehouse, spark, demo, limits, cache);
  }

  /** The warehouse as a URI; a plain path is a local folder. */
  public String warehouseUri() {
    String location =
        warehouse == null
            ? Path.of(".scry", "warehouse").toAbsolutePath().normalize().toString()
            : warehouse;
    return location.contains(":")
        ? location
        : Path.of(location).toAbsolutePath().normalize().toUri().toString();
  }

  public boolean demoEnabled() {
    return demo != null && demo;
  }

  /**
   * Where the gateway listens: {@code port} for JDBC over Avatica, {@code flight} for Arrow Flight SQL
   * (off when left out of a configuration file; on in the embedded defaults).
   */
  public record ServerConfig(
      String host,
      Integer port,
      AuthConfig auth,
      TlsConfig tls,
      FlightConfig flight,
      MetricsConfig metrics) {
    static final ServerConfig DEFAULT = new ServerConfig(null, null, null, null, null, null);

    public ServerConfig {
      host = host == null ? "127.0.0.1" : host;
      port = port == null ? 8765 : port;
      auth = auth == null ? new AuthConfig("none", List.of()) : auth;
      metrics = metrics == null ? MetricsConfig.DEFAULT : metrics;
    }

    /** Without the Flight SQL port. */
    public ServerConfig(String host, Integer port, AuthConfig auth, TlsConfig tls) {
      this(host, port, auth, tls, null, null);
    }

    public ServerConfig withFlight(FlightConfig newFlight) {
      return new ServerConfig(host, port, auth, tls, newFlight, metrics);
    }

    public ServerConfig withMetrics(MetricsConfig newMetrics) {
      return new ServerConfig(host, port, auth, tls, flight, newMetrics);
    }

    /** Plain HTTP. */
    public ServerConfig(String host, Integer port, AuthConfig auth) {
      this(host, port, auth, null);
    }
  }

  /**
   * The Arrow Flight SQL port (docs/flight-sql.md): same host, users and TLS key store as the JDBC
   * port; {@code port} 0 takes any free port.
   */
  public record FlightConfig(Integer port) {
    public static final int DEFAULT_PORT = 8815;
    public static final FlightConfig DEFAULT = new FlightConfig(DEFAULT_PORT);

    public FlightConfig {
      port = port == null ? DEFAULT_PORT : port;
    }
  }

  /**
   * {@code /metrics}: behind the gateway's authentication unless {@code open} (for a scraper on a
   * trusted network that cannot send credentials); {@code queryHistory}: how many ended statements
   * {@code scry.queries} keeps.
   */
  public record MetricsConfig(Boolean open, @JsonProperty("query-history") Integer queryHistory) {
    public static final int DEFAULT_QUERY_HISTORY = 1000;
    public static final MetricsConfig DEFAULT = new MetricsConfig(false, null);

    public MetricsConfig {
      open = open != null && open;
      queryHistory = queryHistory == null ? DEFAULT_QUERY_HISTORY : queryHistory;
    }

    public MetricsConfig(boolean open) {
      this(open, null);
    }
  }

  /** HTTPS from a key store (PKCS12 or JKS); its password comes from the environment or a file. */
  public record TlsConfig(
      String keystore,
      @JsonProperty("keystore-type") String keystoreType,
      @JsonProperty("password-env") String passwordEnv,
      @JsonProperty("password-file") String passwordFile) {
    public TlsConfig {
      keystoreType = keystoreType == null ? "PKCS12" : keystoreType;
    }
  }

  /**
   * What one gateway allows its clients; left out, a key takes the default documented in
   * docs/configuration.md.
   */
  public record LimitsConfig(
      @JsonProperty("max-connections") Integer maxConnections,
      @JsonProperty("max-statements-per-connection") Integer maxStatementsPerConnection,
      @JsonProperty("idle-timeout-seconds") Integer idleTimeoutSeconds,
      @JsonProperty("max-rows-per-frame") Integer maxRowsPerFrame,
      @JsonProperty("query-timeout-seconds") Integer queryTimeoutSeconds) {
    public static final LimitsConfig DEFAULT = new LimitsConfig(null, null, null, null, null);
  }

  /**
   * The result cache (docs/operations.md, "Result reuse"); left out, a key takes its default: on, 300
   * seconds, 64 entries, 64 MB in all and 16 MB for one result.
   */
  public record ResultCacheConfig(
      Boolean enabled,
      @JsonProperty("ttl-seconds") Integer ttlSeconds,
      @JsonProperty("max-entries") Integer maxEntries,
      @JsonProperty("max-bytes") Long maxBytes,
      @JsonProperty("max-result-bytes") Long maxResultBytes) {
    public static final ResultCacheConfig DEFAULT =
        new ResultCacheConfig(null, null, null, null, null);
  }

  /** Client authentication: {@code none}, or {@code basic} (HTTP Basic) against the listed users. */
  public record AuthConfig(String type, List<UserConfig> users) {
    public AuthConfig {
      type = type == null ? "none" : type;
      users = users == null ? List.of() : List.copyOf(users);
    }
  }

  /** A user of HTTP Basic authentication; the password comes from the environment or a file. */
  public record UserConfig(
      String name,
      @JsonProperty("password-env") String passwordEnv,
      @JsonProperty("password-file") String passwordFile) {}

  /**
   * A place SQL may read and write: a local folder ({@code root}) or an ADLS Gen2 storage account
   * ({@code account}, {@code credential}, optionally {@code endpoint} for an emulator and the
   * {@code containers} SQL may use, all when left out, and the {@code retry} budget). See {@link LakeAccount}.
   */
  public record StorageConfig(
      String name,
      String root,
      String account,
      String endpoint,
      Map<String, Object> credential,
      List<String> containers,
      RetryConfig retry) {
    public StorageConfig {
      credential =
          credential == null
              ? Map.of()
              : Collections.unmodifiableMap(new LinkedHashMap<>(credential));
      containers = containers == null ? List.of() : List.copyOf(containers);
    }

    public StorageConfig(
        String name,
        String root,
        String account,
        String endpoint,
        Map<String, Object> credential,
        List<String> containers) {
      this(name, root, account, endpoint, credential, containers, null);
    }

    public StorageConfig(
        String name, String root, String account, String endpoint, Map<String, Object> credential) {
      this(name, root, account, endpoint, credential, null, null);
    }

    public boolean isAccount() {
      return account != null;
    }
  }

  /**
   * How long requests to one storage account may take before they fail (see {@link StorageRetry}); a key
   * left out takes its default.
   */
  public record RetryConfig(
      @JsonProperty("max-retries") Integer maxRetries,
      @JsonProperty("max-backoff-seconds") Integer maxBackoffSeconds,
      @JsonProperty("connect-timeout-seconds") Integer connectTimeoutSeconds,
      @JsonProperty("read-timeout-seconds") Integer readTimeoutSeconds) {}

  /** The Spark master and settings. */
  public record SparkConfig(String master, Map<String, String> conf) {
    static final SparkConfig DEFAULT = new SparkConfig(null, null);

    public SparkConfig {
      master = master == null ? "local[*]" : master;
      conf = conf == null ? Map.of() : Map.copyOf(conf);
    }
  }
}
