package dev.scry.jdbc;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaSpecificDatabaseMetaData;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.UnregisteredDriver;

/**
 * Builds the Scry driver's JDBC objects: Scry's own connection and statements (which can cancel and
 * time out on the gateway), result sets that honour setMaxRows for prepared statements too, and
 * DatabaseMetaData (whose getFunctions asks the gateway), everything else as Avatica's default factory
 * builds it.
 */
final class ScryJdbcFactory implements AvaticaFactory {
  private final AvaticaFactory defaults;

  ScryJdbcFactory(AvaticaFactory defaults) {
    this.defaults = Objects.requireNonNull(defaults, "defaults");
  }

  @Override
  public int getJdbcMajorVersion() {
    return defaults.getJdbcMajorVersion();
  }

  @Override
  public int getJdbcMinorVersion() {
    return defaults.getJdbcMinorVersion();
  }

  @Override
  public AvaticaConnection newConnection(
      UnregisteredDriver driver, AvaticaFactory factory, String url, Properties info)
      throws SQLException {
    return new ScryConnection(driver, factory, url, info);
  }

  @Override
  public AvaticaStatement newStatement(
      AvaticaConnection connection,
      Meta.StatementHandle h,
      int resultSetType,
      int resultSetConcurrency,
      int resultSetHoldability)
      throws SQLException {
    return new ScryStatement(
        connection, h, resultSetType, resultSetConcurrency, resultSetHoldability);
  }

  @Override
  public AvaticaPreparedStatement newPreparedStatement(
      AvaticaConnection connection,
      Meta.StatementHandle h,
      Meta.Signature signature,
      int resultSetType,
      int resultSetConcurrency,
      int resultSetHoldability)
      throws SQLException {
    return new ScryPreparedStatement(
        connection, h, signature, resultSetType, resultSetConcurrency, resultSetHoldability);
  }

  @Override
  public AvaticaResultSet newResultSet(
      AvaticaStatement statement,
      QueryState state,
      Meta.Signature signature,
      TimeZone timeZone,
      Meta.Frame firstFrame)
      throws SQLException {
    return new MaxRowsResultSet(
        statement,
        state,
        signature,
        defaults.newResultSetMetaData(statement, signature),
        timeZone,
        firstFrame);
  }

  @Override
  public AvaticaSpecificDatabaseMetaData newDatabaseMetaData(AvaticaConnection connection) {
    return new ScryDatabaseMetaData((ScryConnection) connection);
  }

  @Override
  public ResultSetMetaData newResultSetMetaData(
      AvaticaStatement statement, Meta.Signature signature) throws SQLException {
    return defaults.newResultSetMetaData(statement, signature);
  }
}
