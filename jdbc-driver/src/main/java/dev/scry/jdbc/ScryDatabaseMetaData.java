package dev.scry.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaDatabaseMetaData;

/**
 * Avatica's DatabaseMetaData, except that {@link #getFunctions} asks the gateway: Avatica's remote
 * client answers it locally with an empty result, so PREDICT and the built-in functions would never
 * appear in a BI tool's function list.
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
}
