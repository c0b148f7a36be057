package dev.scry.gateway.session;

/**
 * One finished statement as the log shows it; {@code reused} when its rows came from the result cache. Deliberately without SQL text or parameter values, which
 * may hold secrets or personal data; the outcome of a failure is its SQLSTATE, not its message (the
 * message and cause chain are logged under the same {@code id} when the statement fails).
 */
public record StatementRecord(
    String id,
    String user,
    String connectionId,
    int statementId,
    long durationMillis,
    long rows,
    String outcome,
    boolean reused) {
  public static final String OK = "OK";
  public static final String CLOSED_EARLY = "CLOSED_EARLY";

  /** A statement whose rows, if any, were computed rather than taken from the result cache. */
  public StatementRecord(
      String id,
      String user,
      String connectionId,
      int statementId,
      long durationMillis,
      long rows,
      String outcome) {
    this(id, user, connectionId, statementId, durationMillis, rows, outcome, false);
  }
}
