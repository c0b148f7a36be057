package dev.scry.gateway.fuzz;

import dev.scry.gateway.fuzz.StatementGenerator.FuzzStatement;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends fuzz statements over one JDBC connection, each with a query timeout and a row limit, on a
 * thread of its own so that a statement that never answers is reported as a hang instead of stopping
 * the test.
 */
final class FuzzRunner implements AutoCloseable {
  /** How one statement ended: rows or an update count, an SQLException, another exception, or no answer. */
  sealed interface Outcome {}

  record Succeeded() implements Outcome {}

  record Failed(SQLException error) implements Outcome {}

  /** Anything but an SQLException out of the driver: a contract breach in itself. */
  record Crashed(Throwable error) implements Outcome {}

  record Hung(Duration waited) implements Outcome {}

  private static final int MAX_ROWS = 500;
  private static final Object[] PARAMETER_VALUES = {
    null,
    1,
    -1L,
    0,
    "abc",
    "1",
    "",
    2.5,
    Double.NaN,
    new BigDecimal("1e40"),
    Date.valueOf("2020-02-29"),
    Timestamp.valueOf("1999-12-31 23:59:59"),
    true,
    Long.MAX_VALUE,
    new int[] {1, 2}
  };

  private final Connection connection;
  private final int queryTimeoutSeconds;
  private final Duration hangAfter;
  private final long seed;
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "statement-fuzz");
            t.setDaemon(true);
            return t;
          });
  private final AtomicReference<Statement> running = new AtomicReference<>();

  /** A statement unanswered {@code hangAfter} past its query timeout is a hang. */
  FuzzRunner(Connection connection, int queryTimeoutSeconds, Duration hangAfter, long seed) {
    this.connection = connection;
    this.queryTimeoutSeconds = queryTimeoutSeconds;
    this.hangAfter = hangAfter;
    this.seed = seed;
  }

  Outcome run(FuzzStatement statement) {
    Future<Outcome> answer = thread.submit(() -> send(statement));
    long limit = TimeUnit.SECONDS.toMillis(queryTimeoutSeconds) + hangAfter.toMillis();
    try {
      return answer.get(limit, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      cancelRunning();
      answer.cancel(true);
      return new Hung(Duration.ofMillis(limit));
    } catch (ExecutionException e) {
      return new Crashed(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Crashed(e);
    }
  }

  private Outcome send(FuzzStatement statement) {
    try {
      switch (statement.mode()) {
        case PREPARE -> {
          try (PreparedStatement prepared = connection.prepareStatement(statement.sql())) {
            running.set(prepared);
          }
        }
        case EXECUTE -> {
          try (Statement plain = connection.createStatement()) {
            running.set(plain);
            limit(plain);
            if (plain.execute(statement.sql())) {
              drain(plain.getResultSet());
            }
          }
        }
        case BIND -> {
          try (PreparedStatement prepared = connection.prepareStatement(statement.sql())) {
            running.set(prepared);
            limit(prepared);
            bind(prepared, Pick.forStatement(seed, statement.index()));
            if (prepared.execute()) {
              drain(prepared.getResultSet());
            }
          }
        }
      }
      return new Succeeded();
    } catch (SQLException e) {
      return new Failed(e);
    } catch (RuntimeException e) {
      return new Crashed(e);
    } finally {
      running.set(null);
    }
  }

  private void limit(Statement statement) throws SQLException {
    statement.setQueryTimeout(queryTimeoutSeconds);
    statement.setMaxRows(MAX_ROWS);
  }

  private static void bind(PreparedStatement prepared, Pick pick) throws SQLException {
    int count = prepared.getParameterMetaData().getParameterCount();
    for (int i = 1; i <= count; i++) {
      prepared.setObject(i, pick.oneOf(PARAMETER_VALUES));
    }
  }

  /** Reads every row and value (a conversion that fails on the client is an outcome too). */
  private static void drain(ResultSet rows) throws SQLException {
    try (rows) {
      int columns = rows.getMetaData().getColumnCount();
      while (rows.next()) {
        for (int i = 1; i <= columns; i++) {
          rows.getObject(i);
        }
      }
    }
  }

  private void cancelRunning() {
    Statement statement = running.get();
    if (statement != null) {
      try {
        statement.cancel();
      } catch (SQLException | RuntimeException e) {
        // The hang is reported either way; a failed cancel adds nothing to it.
      }
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
