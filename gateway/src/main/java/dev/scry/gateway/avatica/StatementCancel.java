package dev.scry.gateway.avatica;

import dev.scry.planner.ErrorCode;
import dev.scry.planner.ScryException;
import dev.scry.wire.WireProtocol;
import org.apache.calcite.avatica.QueryState;

/**
 * How a client cancels a running statement, and the error it then gets. Avatica's protocol has no
 * cancel message, so Scry's driver sends a {@code SyncResultsRequest} for the statement whose query
 * state holds {@link WireProtocol#CANCEL_STATEMENT}; the gateway cancels the statement's Spark job group.
 */
final class StatementCancel {
  private StatementCancel() {}

  static boolean isCancelRequest(QueryState state) {
    return state != null && WireProtocol.CANCEL_STATEMENT.equals(state.sql);
  }

  /** The error for a failed execution: says it was cancelled when it was, keeping Spark's error as cause. */
  static Throwable explain(boolean cancelled, Throwable error) {
    return cancelled ? cancelledError(error) : error;
  }

  static void throwIfCancelled(boolean cancelled) {
    if (cancelled) {
      throw cancelledError(null);
    }
  }

  private static ScryException cancelledError(Throwable cause) {
    return new ScryException(ErrorCode.CANCELLED, "The statement was cancelled (Statement.cancel() or its query timeout);"
        + " its Spark jobs were stopped", cause);
  }
}
