package dev.scry.engine.translate;

/**
 * A plan uses something the Spark engine cannot run (an operator, function, type or relational
 * expression). Thrown while translating, before any job starts, so that an unmapped construct is an
 * error that names it and never a wrong answer.
 */
public final class UnsupportedSqlException extends UnsupportedOperationException {
  public UnsupportedSqlException(String message) {
    super(message);
  }
}
