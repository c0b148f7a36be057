package dev.scry.gateway.session;

import dev.scry.gateway.config.ScryConfig.LimitsConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * Limits the gateway enforces per client. {@code maxRowsPerFrame} caps every frame; a client that asks
 * for fewer rows (its fetch size) gets what it asked for, a client that names no size gets the cap. A
 * connection that has made no request for {@code idleTimeout} is closed with its statements. An execution
 * that has not delivered its first rows (or its update count) within {@code queryTimeout} is stopped;
 * {@link Duration#ZERO} means no gateway timeout (clients may still set their own).
 */
public record GatewayLimits(
    int maxConnections,
    int maxStatementsPerConnection,
    int maxRowsPerFrame,
    Duration idleTimeout,
    Duration queryTimeout) {
  public static final GatewayLimits DEFAULTS =
      new GatewayLimits(100, 200, 5000, Duration.ofMinutes(30), Duration.ZERO);

  public GatewayLimits {
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(queryTimeout, "queryTimeout");
    if (queryTimeout.isNegative()) {
      throw new IllegalArgumentException("The query timeout must not be negative");
    }
    if (maxConnections < 1
        || maxStatementsPerConnection < 1
        || maxRowsPerFrame < 1
        || idleTimeout.isNegative()
        || idleTimeout.isZero()) {
      throw new IllegalArgumentException("Limits must be positive");
    }
  }

  public GatewayLimits(int maxConnections, int maxStatementsPerConnection, int maxRowsPerFrame) {
    this(
        maxConnections,
        maxStatementsPerConnection,
        maxRowsPerFrame,
        DEFAULTS.idleTimeout(),
        DEFAULTS.queryTimeout());
  }

  /** The configured limits, the defaults for what the configuration leaves out. */
  public static GatewayLimits from(LimitsConfig config) {
    return new GatewayLimits(
        config.maxConnections() == null ? DEFAULTS.maxConnections() : config.maxConnections(),
        config.maxStatementsPerConnection() == null
            ? DEFAULTS.maxStatementsPerConnection()
            : config.maxStatementsPerConnection(),
        config.maxRowsPerFrame() == null ? DEFAULTS.maxRowsPerFrame() : config.maxRowsPerFrame(),
        config.idleTimeoutSeconds() == null
            ? DEFAULTS.idleTimeout()
            : Duration.ofSeconds(config.idleTimeoutSeconds()),
        config.queryTimeoutSeconds() == null
            ? DEFAULTS.queryTimeout()
            : Duration.ofSeconds(config.queryTimeoutSeconds()));
  }

  public int frameSize(int requested) {
    return requested <= 0 ? maxRowsPerFrame : Math.min(requested, maxRowsPerFrame);
  }
}
