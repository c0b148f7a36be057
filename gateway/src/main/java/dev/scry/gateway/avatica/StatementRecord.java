package dev.scry.gateway.avatica;

/**
 * One finished statement as the log shows it. Deliberately without SQL text or parameter values, which
 * may hold secrets or personal data; the outcome of a failure is its error class, not its message.
 */
public record StatementRecord(String user, String connectionId, int statementId, long durationMillis, long rows,
    String outcome) {
  public static final String OK = "OK";
  public static final String CLOSED_EARLY = "CLOSED_EARLY";
}
