package dev.scry.jdbc;

import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;

/**
 * A statement whose {@link #cancel()} stops its execution on the gateway, not only on the client, and
 * whose batches fail with a {@link java.sql.BatchUpdateException} as JDBC says.
 */
final class ScryStatement extends AvaticaStatement {
  ScryStatement(
      AvaticaConnection connection,
      Meta.StatementHandle h,
      int resultSetType,
      int resultSetConcurrency,
      int resultSetHoldability) {
    super(connection, h, resultSetType, resultSetConcurrency, resultSetHoldability);
  }

  @Override
  public long[] executeLargeBatch() throws SQLException {
    try {
      return super.executeLargeBatch();
    } catch (SQLException | RuntimeException e) {
      throw GatewayErrors.batchFailure(e);
    }
  }

  @Override
  public int[] executeBatch() throws SQLException {
    return toInts(executeLargeBatch());
  }

  /** Update counts as ints, as executeBatch returns them (a count beyond an int is SUCCESS_NO_INFO). */
  static int[] toInts(long[] counts) {
    int[] ints = new int[counts.length];
    for (int i = 0; i < counts.length; i++) {
      ints[i] = counts[i] > Integer.MAX_VALUE ? SUCCESS_NO_INFO : (int) counts[i];
    }
    return ints;
  }

  @Override
  public void cancel() throws SQLException {
    // First the gateway: Avatica's cancel waits for the running execution, which the gateway ends.
    if (!isClosed()) {
      ((ScryConnection) connection).cancelOnGateway(handle);
    }
    try {
      super.cancel();
    } catch (SQLException e) {
      // The gateway's cancel may end the execution, and its owner close the statement, before
      // Avatica's
      // cancel gets the statement's lock: then there is nothing left to cancel.
      if (!isClosed()) {
        throw e;
      }
    }
  }
}
