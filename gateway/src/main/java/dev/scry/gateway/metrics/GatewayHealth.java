package dev.scry.gateway.metrics;

import dev.scry.engine.SparkActivity;
import dev.scry.gateway.server.HealthReport;
import dev.scry.gateway.session.SessionManager;
import java.util.Objects;

/**
 * The gateway's health as the HTTP server reports it. The catalog is read before the port opens, so
 * readiness then hangs on Spark alone: a gateway whose Spark context stopped answers 503.
 */
public record GatewayHealth(SessionManager sessions, SparkActivity spark) implements HealthReport {
  public GatewayHealth {
    Objects.requireNonNull(sessions, "sessions");
    Objects.requireNonNull(spark, "spark");
  }

  @Override
  public int openConnections() {
    return sessions.openSessions();
  }

  @Override
  public boolean ready() {
    return spark.running();
  }
}
