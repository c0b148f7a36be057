package dev.scry.gateway.session;

import dev.scry.gateway.error.ErrorReporter;
import dev.scry.gateway.error.ReportedError;

/** When an execution started, for whom, and under which id: turns into its {@link StatementRecord} when it ends. */
record StatementClock(
    String id, String user, String connectionId, int statementId, long startNanos) {
  static StatementClock start(String id, Session session, int statementId) {
    return new StatementClock(id, session.user(), session.id(), statementId, System.nanoTime());
  }

  /**
   * Reports {@code failure} under this execution's id and tells {@code observer} the execution ended
   * with its SQLSTATE after {@code rows} rows; returns the client's error.
   */
  ReportedError fail(
      ErrorReporter errors, StatementObserver observer, long rows, Throwable failure) {
    ReportedError error = errors.report(id, failure);
    observer.statementFinished(finish(rows, "ERROR " + error.code().sqlState()));
    return error;
  }

  StatementRecord finish(long rows, String outcome) {
    return finish(rows, outcome, false);
  }

  StatementRecord finish(long rows, String outcome, boolean reused) {
    return new StatementRecord(
        id,
        user,
        connectionId,
        statementId,
        (System.nanoTime() - startNanos) / 1_000_000,
        rows,
        outcome,
        reused);
  }
}
