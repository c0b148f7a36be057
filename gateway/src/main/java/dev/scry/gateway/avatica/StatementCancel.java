package dev.scry.gateway.avatica;

import org.apache.calcite.avatica.QueryState;

/**
 * How a client cancels a running statement over Avatica. Avatica's protocol has no
 * cancel message, so Scry's driver sends a {@code SyncResultsRequest} for the statement whose query
 * state holds {@link #REQUEST}; the gateway then cancels the statement's operation (its Spark job group).
 */
final class StatementCancel {
  /** Must equal the Scry driver's {@code ScryConnection.CANCEL_REQUEST}. */
  static final String REQUEST = "scry:cancel-statement";

  private StatementCancel() {}

  static boolean isCancelRequest(QueryState state) {
    return state != null && REQUEST.equals(state.sql);
  }
}
