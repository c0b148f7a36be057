package dev.scry.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.sql.NClob;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLXML;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.Meta;

/**
 * A prepared statement whose {@link #cancel()} stops its execution on the gateway. The setters below
 * are the JDBC 4 ones Avatica's abstract class leaves to its subclasses; each binds through the
 * parameter's site, as Avatica's own prepared statement does.
 */
final class ScryPreparedStatement extends AvaticaPreparedStatement {
  ScryPreparedStatement(
      AvaticaConnection connection,
      Meta.StatementHandle h,
      Meta.Signature signature,
      int resultSetType,
      int resultSetConcurrency,
      int resultSetHoldability)
      throws SQLException {
    super(connection, h, signature, resultSetType, resultSetConcurrency, resultSetHoldability);
  }

  @Override
  public void cancel() throws SQLException {
    if (!isClosed()) {
      ((ScryConnection) connection).cancelOnGateway(handle);
    }
    super.cancel();
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
    return ScryStatement.toInts(executeLargeBatch());
  }

  @Override
  public void setObject(int parameterIndex, Object x) throws SQLException {
    super.setObject(parameterIndex, bindable(parameterIndex, x));
  }

  @Override
  public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
    super.setObject(parameterIndex, bindable(parameterIndex, x), targetSqlType);
  }

  @Override
  public void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength)
      throws SQLException {
    super.setObject(parameterIndex, bindable(parameterIndex, x), targetSqlType, scaleOrLength);
  }

  /**
   * A Java array other than byte[] has no parameter type in Avatica's protocol: its client would fail
   * only at execute, with "Unhandled value: OBJECT class [I" and no SQLSTATE. Refused here, at the bind.
   */
  private static Object bindable(int parameterIndex, Object x) throws SQLException {
    if (x != null && x.getClass().isArray() && !(x instanceof byte[])) {
      throw new SQLFeatureNotSupportedException(
          "Parameter "
              + parameterIndex
              + ": a Java array ("
              + x.getClass().getSimpleName()
              + ") cannot be bound; bind each value as a parameter of its own",
          "0A000");
    }
    return x;
  }

  @Override
  public void setRowId(int parameterIndex, RowId x) throws SQLException {
    getSite(parameterIndex).setRowId(x);
  }

  @Override
  public void setNString(int parameterIndex, String value) throws SQLException {
    getSite(parameterIndex).setNString(value);
  }

  @Override
  public void setNCharacterStream(int parameterIndex, Reader value, long length)
      throws SQLException {
    getSite(parameterIndex).setNCharacterStream(value, length);
  }

  @Override
  public void setNClob(int parameterIndex, NClob value) throws SQLException {
    getSite(parameterIndex).setNClob(value);
  }

  @Override
  public void setClob(int parameterIndex, Reader reader, long length) throws SQLException {
    getSite(parameterIndex).setClob(reader, length);
  }

  @Override
  public void setBlob(int parameterIndex, InputStream inputStream, long length)
      throws SQLException {
    getSite(parameterIndex).setBlob(inputStream, length);
  }

  @Override
  public void setNClob(int parameterIndex, Reader reader, long length) throws SQLException {
    getSite(parameterIndex).setNClob(reader, length);
  }

  @Override
  public void setSQLXML(int parameterIndex, SQLXML xmlObject) throws SQLException {
    getSite(parameterIndex).setSQLXML(xmlObject);
  }

  @Override
  public void setAsciiStream(int parameterIndex, InputStream x, long length) throws SQLException {
    getSite(parameterIndex).setAsciiStream(x, length);
  }

  @Override
  public void setBinaryStream(int parameterIndex, InputStream x, long length) throws SQLException {
    getSite(parameterIndex).setBinaryStream(x, length);
  }

  @Override
  public void setCharacterStream(int parameterIndex, Reader reader, long length)
      throws SQLException {
    getSite(parameterIndex).setCharacterStream(reader, length);
  }

  @Override
  public void setAsciiStream(int parameterIndex, InputStream x) throws SQLException {
    getSite(parameterIndex).setAsciiStream(x);
  }

  @Override
  public void setBinaryStream(int parameterIndex, InputStream x) throws SQLException {
    getSite(parameterIndex).setBinaryStream(x);
  }

  @Override
  public void setCharacterStream(int parameterIndex, Reader reader) throws SQLException {
    getSite(parameterIndex).setCharacterStream(reader);
  }

  @Override
  public void setNCharacterStream(int parameterIndex, Reader value) throws SQLException {
    getSite(parameterIndex).setNCharacterStream(value);
  }

  @Override
  public void setClob(int parameterIndex, Reader reader) throws SQLException {
    getSite(parameterIndex).setClob(reader);
  }

  @Override
  public void setBlob(int parameterIndex, InputStream inputStream) throws SQLException {
    getSite(parameterIndex).setBlob(inputStream);
  }

  @Override
  public void setNClob(int parameterIndex, Reader reader) throws SQLException {
    getSite(parameterIndex).setNClob(reader);
  }
}
