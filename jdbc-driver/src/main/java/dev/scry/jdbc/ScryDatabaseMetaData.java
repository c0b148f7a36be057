package dev.scry.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaDatabaseMetaData;

/**
 * Avatica's DatabaseMetaData, except that {@link #getFunctions} asks the gateway (Avatica's remote
 * client answers it locally with an empty result, so PREDICT and the built-in functions would never
 * appear in a BI tool's function list), and that the questions about result-set changes and
 * holdability, which Avatica's client answers by throwing "todo: implement this method", get the
 * answers that are true of Scry's results: read-only, so no change is ever detected or visible, and
 * held only as Avatica holds them.
 */
final class ScryDatabaseMetaData extends AvaticaDatabaseMetaData {
  private final ScryConnection connection;

  ScryDatabaseMetaData(ScryConnection connection) {
    super(connection);
    this.connection = connection;
  }

  @Override
  public ResultSet getFunctions(String catalog, String schemaPattern, String functionNamePattern)
      throws SQLException {
    return connection.functionsFromGateway(catalog, schemaPattern, functionNamePattern);
  }

  @Override
  public boolean supportsResultSetHoldability(int holdability) {
    return holdability == getResultSetHoldability();
  }

  @Override
  public boolean ownUpdatesAreVisible(int type) {
    return false;
  }

  @Override
  public boolean ownDeletesAreVisible(int type) {
    return false;
  }

  @Override
  public boolean ownInsertsAreVisible(int type) {
    return false;
  }

  @Override
  public boolean othersUpdatesAreVisible(int type) {
    return false;
  }

  @Override
  public boolean othersDeletesAreVisible(int type) {
    return false;
  }

  @Override
  public boolean othersInsertsAreVisible(int type) {
    return false;
  }

  @Override
  public boolean updatesAreDetected(int type) {
    return false;
  }

  @Override
  public boolean deletesAreDetected(int type) {
    return false;
  }

  @Override
  public boolean insertsAreDetected(int type) {
    return false;
  }
}
