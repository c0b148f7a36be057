package dev.scry.gateway.session;

/** When an execution started, for whom, and under which id: turns into its {@link StatementRecord} when it ends. */
record StatementClock(
    String id, String user, String connectionId, int statementId, long startNanos) {
  static StatementClock start(String id, Session session, int statementId) {
    return new StatementClock(id, session.user(), session.id(), statementId, System.nanoTime());
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
