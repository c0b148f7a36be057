package dev.scry.gateway.error;

import dev.scry.planner.ErrorCode;
import java.util.Objects;

/**
 * What a client is told about a failure: its code (SQLSTATE and vendor code) and one sentence for a
 * person, without Java class names or causes, which go to the log.
 */
public record ClientError(ErrorCode code, String message) {
  public ClientError {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    // One line: a client shows the message in a dialog or a log line.
    message = message.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  /** The message as the client reads it: the sentence, then the statement id to find the details by. */
  public String messageFor(String statementId) {
    return message + " (statement " + statementId + ")";
  }
}
