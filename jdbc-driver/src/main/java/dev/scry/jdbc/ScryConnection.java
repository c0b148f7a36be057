package dev.scry.jdbc;

import dev.scry.wire.WireProtocol;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.UnregisteredDriver;
import org.apache.calcite.avatica.remote.MetaDataOperation;
import org.apache.calcite.avatica.remote.Service;

/**
 * A connection to the gateway that can stop a statement's work there. Avatica's remote client only
 * flags a cancelled statement locally and never sends its query timeout, so this connection sends
 * the cancel itself (see {@link #cancelOnGateway}) and enforces {@code setQueryTimeout} with a
 * {@link QueryWatchdog} around each execution.
 */
final class ScryConnection extends AvaticaConnection {
  ScryConnection(UnregisteredDriver driver, AvaticaFactory factory, String url, Properties info) {
    super(driver, factory, url, info);
  }

  /** Asks the gateway to stop the statement's running execution; it then fails with an SQLException. */
  void cancelOnGateway(Meta.StatementHandle handle) throws SQLException {
    try {
      getService()
          .apply(
              new Service.SyncResultsRequest(
                  id, handle.id, new QueryState(WireProtocol.CANCEL_STATEMENT), 0));
    } catch (RuntimeException e) {
      throw new SQLException(
          "Cannot cancel statement " + handle.id + " on the gateway: " + e.getMessage(), e);
    }
  }

  /** {@code DatabaseMetaData.getFunctions}, answered by the gateway from its function catalog. */
  ResultSet functionsFromGateway(String catalog, String schemaPattern, String functionNamePattern)
      throws SQLException {
    Meta.MetaResultSet functions;
    try {
      functions =
          meta.getTables(
              handle,
              catalog,
              Meta.Pat.of(schemaPattern),
              Meta.Pat.of(functionNamePattern),
              List.of(WireProtocol.FUNCTIONS_TABLE_TYPE));
    } catch (RuntimeException e) {
      throw new SQLException("Cannot list functions on the gateway: " + e.getMessage(), e);
    }
    return createResultSet(
        functions,
        new QueryState(
            MetaDataOperation.GET_FUNCTIONS, catalog, schemaPattern, functionNamePattern));
  }

  /** {@code DatabaseMetaData.getFunctionColumns}, answered by the gateway from its function catalog. */
  ResultSet functionColumnsFromGateway(
      String schemaPattern, String functionNamePattern, String columnNamePattern)
      throws SQLException {
    Meta.MetaResultSet columns;
    try {
      columns =
          meta.getColumns(
              handle,
              WireProtocol.FUNCTION_COLUMNS_CATALOG,
              Meta.Pat.of(schemaPattern),
              Meta.Pat.of(functionNamePattern),
              Meta.Pat.of(columnNamePattern));
    } catch (RuntimeException e) {
      throw new SQLException(
          "Cannot list function parameters on the gateway: " + e.getMessage(), e);
    }
    return createResultSet(
        columns,
        new QueryState(
            MetaDataOperation.GET_FUNCTION_COLUMNS,
            null,
            schemaPattern,
            functionNamePattern,
            columnNamePattern));
  }

  /** An empty getImportedKeys, getExportedKeys or getCrossReference result, labelled as JDBC labels it. */
  ResultSet noForeignKeys(QueryState state) throws SQLException {
    return createResultSet(ForeignKeyColumns.emptyResult(id), state);
  }

  /** As Avatica creates statements, with the gateway's refusal as an SQLException (Avatica's is unchecked). */
  @Override
  public AvaticaStatement createStatement(
      int resultSetType, int resultSetConcurrency, int resultSetHoldability) throws SQLException {
    try {
      return super.createStatement(resultSetType, resultSetConcurrency, resultSetHoldability);
    } catch (SQLException | RuntimeException e) {
      throw GatewayErrors.toSqlException(e);
    }
  }

  /** As Avatica prepares, with the gateway's error as it sent it (see {@link GatewayErrors}). */
  @Override
  public PreparedStatement prepareStatement(
      String sql, int resultSetType, int resultSetConcurrency, int resultSetHoldability)
      throws SQLException {
    try {
      return super.prepareStatement(sql, resultSetType, resultSetConcurrency, resultSetHoldability);
    } catch (SQLException | RuntimeException e) {
      throw GatewayErrors.toSqlException(e);
    }
  }

  @Override
  protected Meta.ExecuteResult prepareAndExecuteInternal(
      AvaticaStatement statement, String sql, long maxRowCount)
      throws SQLException, NoSuchStatementException {
    QueryWatchdog watchdog = QueryWatchdog.start(this, statement);
    try {
      return super.prepareAndExecuteInternal(statement, sql, maxRowCount);
    } catch (SQLException | RuntimeException e) {
      throw watchdog.explain(e);
    } finally {
      watchdog.stop();
    }
  }

  @Override
  protected ResultSet executeQueryInternal(
      AvaticaStatement statement,
      Meta.Signature signature,
      Meta.Frame firstFrame,
      QueryState state,
      boolean isUpdate)
      throws SQLException {
    QueryWatchdog watchdog = QueryWatchdog.start(this, statement);
    try {
      return super.executeQueryInternal(statement, signature, firstFrame, state, isUpdate);
    } catch (SQLException | RuntimeException e) {
      throw watchdog.explain(e);
    } finally {
      watchdog.stop();
    }
  }
}
