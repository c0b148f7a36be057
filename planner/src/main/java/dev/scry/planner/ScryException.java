package dev.scry.planner;

import java.util.Objects;

/**
 * An error in what the user asked for (an unknown table, a model that cannot bind, a location outside
 * the configured storage …) or in what it met (a storage fault, a bad value). Its message is meant for
 * the person who wrote the SQL; its {@link ErrorCode} gives the SQLSTATE the client sees.
 */
public class ScryException extends RuntimeException {
  private final ErrorCode code;

  /** A semantic error (SQLSTATE 42000). */
  public ScryException(String message) {
    this(ErrorCode.SEMANTIC, message);
  }

  /** A semantic error (SQLSTATE 42000) with its cause, which goes to the log, never to the client. */
  public ScryException(String message, Throwable cause) {
    this(ErrorCode.SEMANTIC, message, cause);
  }

  public ScryException(ErrorCode code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
  }

  public ScryException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  public ErrorCode code() {
    return code;
  }
}
