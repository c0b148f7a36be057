package dev.scry.gateway.server;

/** What {@code /health} reports: the gateway is up, how many connections it holds, its heap. */
public interface HealthReport {
  int openConnections();

  /** Whether the gateway can serve statements: its catalog is loaded and Spark is running. */
  boolean ready();
}
