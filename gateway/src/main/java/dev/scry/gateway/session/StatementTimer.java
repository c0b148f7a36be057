package dev.scry.gateway.session;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's own query timeout ({@code limits.query-timeout-seconds}): an execution that has not
 * delivered its first rows or its update count in time is stopped with its Spark jobs. It is enforced
 * here, in the session core, because Flight SQL carries no timeout in its commands and Avatica's
 * protocol none in its requests; the clients' own timeouts come on top.
 */
final class StatementTimer {
  /** A clock that is not running. */
  static final Armed DISARMED = () -> {};

  private final Duration timeout;

  StatementTimer(Duration timeout) {
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /** Starts the clock for one execution of {@code operation}; closing what it returns stops it. */
  Armed arm(Operation operation) {
    if (timeout.isZero()) {
      return DISARMED;
    }
    ScheduledFuture<?> expiry =
        Scheduler.INSTANCE.schedule(
            () -> operation.timeOut(timeout), timeout.toMillis(), TimeUnit.MILLISECONDS);
    return () -> expiry.cancel(false);
  }

  /** A running clock; closing it never throws. */
  @FunctionalInterface
  interface Armed extends AutoCloseable {
    @Override
    void close();
  }

  /** One daemon thread for every gateway in the JVM, made on first use: expiries are rare and short. */
  private static final class Scheduler {
    private static final ScheduledExecutorService INSTANCE =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "scry-query-timeout");
              thread.setDaemon(true);
              return thread;
            });
  }
}
