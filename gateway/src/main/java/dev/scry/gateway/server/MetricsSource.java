package dev.scry.gateway.server;

/** What {@code /metrics} serves, and where the server reports the bytes it wrote to JDBC clients. */
public interface MetricsSource {
  /** The metrics in Prometheus' text format. */
  String scrape();

  /** A response of {@code bytes} went to a JDBC client. */
  void responseBytes(long bytes);
}
