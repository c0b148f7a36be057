package dev.scry.gateway.avatica;

import org.apache.calcite.avatica.Meta.StatementHandle;

/** When a statement started and for whom: turns into its {@link StatementRecord} when it ends. */
record StatementClock(String user, String connectionId, int statementId, long startNanos) {
  static StatementClock start(String user, StatementHandle handle) {
    return new StatementClock(user, handle.connectionId, handle.id, System.nanoTime());
  }

  StatementRecord finish(long rows, String outcome) {
    return new StatementRecord(user, connectionId, statementId, (System.nanoTime() - startNanos) / 1_000_000, rows,
        outcome);
  }

  /** The outcome of a failed statement: its error class only, as messages may quote values. */
  static String failure(Throwable error) {
    return "ERROR " + error.getClass().getSimpleName();
  }
}
