package dev.scry.gateway.avatica;

import dev.scry.wire.WireProtocol;
import org.apache.calcite.avatica.QueryState;

/**
 * How a client cancels a running statement over Avatica. Avatica's protocol has no cancel message, so
 * Scry's driver sends a {@code SyncResultsRequest} for the statement whose query state holds
 * {@link WireProtocol#CANCEL_STATEMENT}; the gateway then cancels the statement's operation (its Spark
 * job group).
 */
final class StatementCancel {
  private StatementCancel() {}

  static boolean isCancelRequest(QueryState state) {
    return state != null && WireProtocol.CANCEL_STATEMENT.equals(state.sql);
  }
}
