package dev.scry.gateway.session;

import dev.scry.gateway.config.ScryConfig.LimitsConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * Limits the gateway enforces per client. {@code maxRowsPerFrame} caps every frame; a client that asks
 * for fewer rows (its fetch size) gets what it asked for, a client that names no size gets the cap. A
 * connection that has made no request for {@code idleTimeout} is closed with its statements.
 */
public record GatewayLimits(
    int maxConnections, int maxStatementsPerConnection, int maxRowsPerFrame, Duration idleTimeout) {
  public static final GatewayLimits DEFAULTS =
      new GatewayLimits(100, 200, 5000, Duration.ofMinutes(30));

  public GatewayLimits {
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (maxConnections < 1
        || maxStatementsPerConnection < 1
        || maxRowsPerFrame < 1
        || idleTimeout.isNegative()
        || idleTimeout.isZero()) {
      throw new IllegalArgumentException("Limits must be positive");
    }
  }

  public GatewayLimits(int maxConnections, int maxStatementsPerConnection, int maxRowsPerFrame) {
    this(maxConnections, maxStatementsPerConnection, maxRowsPerFrame, DEFAULTS.idleTimeout());
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
            : Duration.ofSeconds(config.idleTimeoutSeconds()));
  }

  public int frameSize(int requested) {
    return requested <= 0 ? maxRowsPerFrame : Math.min(requested, maxRowsPerFrame);
  }
}
