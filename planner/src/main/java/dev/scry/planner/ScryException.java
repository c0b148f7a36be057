package dev.scry.planner;

/**
 * An error in what the user asked for (an unknown table, a model that cannot bind, a location outside
 * the configured storage …). Its message is meant for the person who wrote the SQL.
 */
public class ScryException extends RuntimeException {
  public ScryException(String message) {
    super(message);
  }

  public ScryException(String message, Throwable cause) {
    super(message, cause);
  }
}
