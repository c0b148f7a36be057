package dev.scry.jdbc;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;

/**
 * Avatica's result set, ending after the statement's {@code setMaxRows}. Avatica's protocol carries the
 * limit with a plain statement's execution, which the gateway applies, but not with a prepared
 * statement's (its execute request has no such field), so a BI tool's row limit would be ignored there.
 * A frame the gateway fails to give (a row of a later partition that cannot be computed, a cancelled
 * statement) ends {@link #next} with the gateway's SQLException, where Avatica's client throws an
 * unchecked exception.
 */
final class MaxRowsResultSet extends AvaticaResultSet {
  private final long maxRows;
  private long rowsRead;

  MaxRowsResultSet(
      AvaticaStatement statement,
      QueryState state,
      Meta.Signature signature,
      ResultSetMetaData metadata,
      TimeZone timeZone,
      Meta.Frame firstFrame)
      throws SQLException {
    super(statement, state, signature, metadata, timeZone, firstFrame);
    this.maxRows = statement.getLargeMaxRows();
  }

  @Override
  public boolean next() throws SQLException {
    if (maxRows > 0 && rowsRead >= maxRows) {
      return false;
    }
    boolean more;
    try {
      more = super.next();
    } catch (RuntimeException e) {
      throw GatewayErrors.toSqlException(e);
    }
    if (more) {
      rowsRead++;
    }
    return more;
  }
}
