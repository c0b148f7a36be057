package dev.scry.gateway.metrics;

import dev.scry.gateway.session.Session;
import dev.scry.gateway.session.StatementObserver;
import dev.scry.gateway.session.StatementRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Counts statements as they end (by protocol, outcome and SQLSTATE class), times them, and counts the
 * rows each protocol returned and the bytes of Flight SQL's result batches. Labels take few values (two protocols, three outcomes, the SQLSTATE's
 * two-character class), so the series stay few whatever clients send.
 */
public final class StatementMetrics implements StatementObserver {
  /** Bytes sent to clients by protocol: JDBC's HTTP responses, Flight SQL's result batches. */
  static final String RESPONSE_BYTES = "scry.response.bytes";

  static final String RESPONSE_BYTES_HELP =
      "Bytes sent to clients: HTTP responses for JDBC, Arrow IPC result batches for Flight SQL";

  /** Upper bounds of the statement latency histogram: a 10 ms metadata query to a 5 min batch score. */
  private static final Duration[] LATENCY_BUCKETS = {
    Duration.ofMillis(10),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30),
    Duration.ofSeconds(60),
    Duration.ofSeconds(300)
  };

  private final MeterRegistry registry;

  public StatementMetrics(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  @Override
  public void frameSent(String connectionId, int statementId, int rows) {
    Counter.builder("scry.result.rows")
        .description("Rows returned to clients")
        .tag("protocol", Session.protocolOf(connectionId))
        .register(registry)
        .increment(rows);
  }

  @Override
  public void resultBytesSent(String id, String connectionId, long bytes) {
    Counter.builder(RESPONSE_BYTES)
        .description(RESPONSE_BYTES_HELP)
        .tag("protocol", Session.protocolOf(connectionId))
        .register(registry)
        .increment(bytes);
  }

  @Override
  public void statementFinished(StatementRecord record) {
    String protocol = Session.protocolOf(record.connectionId());
    String outcome = outcomeOf(record.outcome());
    Counter.builder("scry.statements")
        .description("Statements ended, by protocol, outcome and SQLSTATE class (00 for success)")
        .tag("protocol", protocol)
        .tag("outcome", outcome)
        .tag("sqlstate_class", sqlStateClass(record.outcome()))
        .register(registry)
        .increment();
    Timer.builder("scry.statement.duration")
        .description("Time from a statement's start to its end (result read or closed, or failure)")
        .tag("protocol", protocol)
        .tag("outcome", outcome)
        .serviceLevelObjectives(LATENCY_BUCKETS)
        .register(registry)
        .record(Duration.ofMillis(record.durationMillis()));
  }

  /** {@code ok}, {@code closed_early} or {@code error}, from the statement log's outcome. */
  static String outcomeOf(String outcome) {
    return outcome.startsWith("ERROR") ? "error" : outcome.toLowerCase(Locale.ROOT);
  }

  /** The SQLSTATE's class of a failed statement ({@code 42}, {@code 57} …), {@code 00} otherwise. */
  static String sqlStateClass(String outcome) {
    if (!outcome.startsWith("ERROR ")) {
      return "00";
    }
    String state = outcome.substring("ERROR ".length()).trim();
    return state.length() >= 2 ? state.substring(0, 2) : "XX";
  }
}
