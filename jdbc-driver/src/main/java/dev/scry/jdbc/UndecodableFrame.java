package dev.scry.jdbc;

/**
 * Signals that the hand-written frame reader meets bytes it does not mirror exactly (malformed input,
 * pre-1.5 columns, repeated singular fields): the whole response then goes to Avatica's own reader,
 * which decodes it or reports the error as it always did. Thrown often enough in no case to need a
 * stack trace.
 */
final class UndecodableFrame extends Exception {
  private static final long serialVersionUID = 1L;

  UndecodableFrame(String reason) {
    super(reason, null, false, false);
  }
}
