package dev.scry.jdbc;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.BatchUpdateException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientException;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.AvaticaSqlException;

/**
 * Turns what Avatica's client makes of a gateway error ({@code Error 1003 (42S22) : Error while executing
 * SQL "…": Remote driver error: <sentence>}) back into the gateway's sentence, SQLSTATE and vendor code,
 * as the JDBC subclass a tool checks for (syntax, data, authorization, connection, timeout …). Transport
 * failures become connection (08001) or authentication (28000) errors.
 */
final class GatewayErrors {
  private static final String REMOTE = "Remote driver error: ";
  private static final String UNAUTHORIZED = "HTTP/401";

  private GatewayErrors() {}

  /**
   * A batch's failure as JDBC gives it: a {@link BatchUpdateException} with the gateway's sentence,
   * SQLSTATE and vendor code (Avatica's client throws an unchecked exception from executeBatch). No
   * update counts: the gateway stops at the failing statement and does not say how far it got.
   */
  static BatchUpdateException batchFailure(Throwable error) {
    SQLException cause = toSqlException(error);
    return new BatchUpdateException(
        cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), new long[0], cause);
  }

  static SQLException toSqlException(Throwable error) {
    return fromGateway(error)
        .orElseGet(
            () -> {
              for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof ConnectException || t instanceof UnknownHostException) {
                  return typed(
                      "Cannot reach the gateway ("
                          + t.getMessage()
                          + "); check the host and port, and that the"
                          + " gateway runs",
                      "08001",
                      0,
                      error);
                }
              }
              return error instanceof SQLException sqlError
                  ? sqlError
                  : new SQLException(error.getMessage(), error);
            });
  }

  /** The error the gateway sent, or its refusal of the credentials; empty for a failure of the transport. */
  static Optional<SQLException> fromGateway(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof AvaticaClientRuntimeException remote && hasState(remote.getSqlState())) {
        return Optional.of(
            typed(
                sentence(remote.getMessage()), remote.getSqlState(), remote.getErrorCode(), error));
      }
      if (t instanceof AvaticaSqlException remote && hasState(remote.getSQLState())) {
        return Optional.of(
            typed(sentence(remote), remote.getSQLState(), remote.getErrorCode(), error));
      }
      if (t.getMessage() != null && t.getMessage().contains(UNAUTHORIZED)) {
        return Optional.of(
            typed(
                "The gateway refused the credentials: give a valid user and password (the user"
                    + " and password connection properties)",
                "28000",
                0,
                error));
      }
    }
    return Optional.empty();
  }

  private static boolean hasState(String state) {
    return state != null && !state.isEmpty() && !state.equals("00000");
  }

  /**
   * Where Avatica replaced the gateway's message by its own ("while preparing SQL: …"), the gateway's
   * error is still the first line of the server-side trace it carries (Scry's gateway sends only that).
   */
  private static String sentence(AvaticaSqlException remote) {
    if (remote.getErrorMessage() != null && remote.getErrorMessage().contains(REMOTE)) {
      return sentence(remote.getErrorMessage());
    }
    List<String> traces = remote.getStackTraces();
    if (traces != null && !traces.isEmpty() && !traces.get(0).isBlank()) {
      return traces.get(0).strip().lines().findFirst().orElse("");
    }
    return remote.getErrorMessage();
  }

  /** The gateway's own sentence: what follows Avatica's last prefix. */
  private static String sentence(String message) {
    if (message == null) {
      return "";
    }
    int remote = message.lastIndexOf(REMOTE);
    return remote >= 0 ? message.substring(remote + REMOTE.length()) : message;
  }

  /** The JDBC subclass a tool checks for, by the state's class. */
  static SQLException typed(String message, String state, int code, Throwable cause) {
    SQLException typed;
    if (state.startsWith("42")) {
      typed = new SQLSyntaxErrorException(message, state, code);
    } else if (state.startsWith("22") || state.startsWith("21")) {
      typed = new SQLDataException(message, state, code);
    } else if (state.startsWith("23")) {
      typed = new SQLIntegrityConstraintViolationException(message, state, code);
    } else if (state.startsWith("28")) {
      typed = new SQLInvalidAuthorizationSpecException(message, state, code);
    } else if (state.startsWith("08")) {
      typed = new SQLNonTransientConnectionException(message, state, code);
    } else if (state.equals("HYT00")) {
      typed = new SQLTimeoutException(message, state, code);
    } else if (state.startsWith("0A")) {
      typed = new SQLFeatureNotSupportedException(message, state, code);
    } else if (state.startsWith("40")) {
      // A write that lost to a concurrent commit: run it again.
      typed = new SQLTransactionRollbackException(message, state, code);
    } else if (state.startsWith("58") || state.startsWith("53")) {
      // A storage outage or a busy gateway: the same statement may succeed later.
      typed = new SQLTransientException(message, state, code);
    } else {
      typed = new SQLException(message, state, code);
    }
    typed.initCause(cause);
    return typed;
  }
}
