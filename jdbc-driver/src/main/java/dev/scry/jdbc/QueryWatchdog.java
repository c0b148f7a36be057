package dev.scry.jdbc;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.NoSuchStatementException;

/**
 * Enforces one execution's query timeout: when it expires, the statement is cancelled on the gateway,
 * and the execution's error becomes an {@link SQLTimeoutException}. Also clears Avatica's local cancel
 * flag, which Avatica never resets, so that a statement runs again after a cancel.
 */
final class QueryWatchdog {
  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "scry-jdbc-query-timeout");
            thread.setDaemon(true);
            return thread;
          });

  private final int timeoutSeconds;
  private final AtomicBoolean fired = new AtomicBoolean();
  private final ScheduledFuture<?> timer;

  private QueryWatchdog(ScryConnection connection, AvaticaStatement statement, int timeoutSeconds) {
    this.timeoutSeconds = timeoutSeconds;
    this.timer =
        timeoutSeconds <= 0
            ? null
            : TIMER.schedule(
                () -> {
                  fired.set(true);
                  try {
                    connection.cancelOnGateway(statement.handle);
                  } catch (SQLException e) {
                    // The execution then runs to its end; its own outcome is reported.
                  }
                },
                timeoutSeconds,
                TimeUnit.SECONDS);
  }

  static QueryWatchdog start(ScryConnection connection, AvaticaStatement statement)
      throws SQLException {
    try {
      connection.getCancelFlag(statement.handle).set(false);
    } catch (NoSuchStatementException e) {
      throw new SQLException(
          "Statement " + statement.handle.id + " is not known to its connection", e);
    }
    return new QueryWatchdog(connection, statement, statement.getQueryTimeout());
  }

  void stop() {
    if (timer != null) {
      timer.cancel(false);
    }
  }

  /** The error to throw for the execution's failure {@code error}. */
  SQLException explain(Exception error) {
    if (fired.get()) {
      return new SQLTimeoutException(
          "The query did not finish within its timeout of "
              + timeoutSeconds
              + " s (Statement.setQueryTimeout) and was cancelled on the gateway",
          "HYT00",
          error);
    }
    return GatewayErrors.toSqlException(error);
  }
}
