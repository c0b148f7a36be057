package dev.scry.gateway.error;

import dev.scry.planner.ErrorCode;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;

/**
 * A failure already classified and logged, on its way to the client. Avatica's handlers copy its
 * SQLSTATE, vendor code and message into the error response. It has no cause and no stack trace:
 * Avatica sends an exception's printed stack trace to the client too, and the client must get the
 * sentence only (the trace is in the log under {@link #statementId()}).
 */
public final class ReportedError extends AvaticaRuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient ClientError error;
  private final String statementId;

  ReportedError(ClientError error, String statementId) {
    super(
        error.messageFor(statementId),
        error.code().vendorCode(),
        error.code().sqlState(),
        AvaticaSeverity.ERROR);
    this.error = error;
    this.statementId = statementId;
  }

  public ErrorCode code() {
    return error.code();
  }

  /** The error without the statement id. */
  public ClientError clientError() {
    return error;
  }

  public String statementId() {
    return statementId;
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }

  @Override
  public String toString() {
    return getErrorMessage();
  }
}
