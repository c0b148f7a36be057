package dev.scry.gateway.avatica;

/**
 * Limits the gateway enforces per client. {@code maxRowsPerFrame} caps every frame; a client that asks
 * for fewer rows (its fetch size) gets what it asked for, a client that names no size gets the cap.
 */
public record GatewayLimits(int maxConnections, int maxStatementsPerConnection, int maxRowsPerFrame) {
  public static final GatewayLimits DEFAULTS = new GatewayLimits(100, 200, 5000);

  public GatewayLimits {
    if (maxConnections < 1 || maxStatementsPerConnection < 1 || maxRowsPerFrame < 1) {
      throw new IllegalArgumentException("Limits must be positive");
    }
  }

  int frameSize(int requested) {
    return requested <= 0 ? maxRowsPerFrame : Math.min(requested, maxRowsPerFrame);
  }
}
