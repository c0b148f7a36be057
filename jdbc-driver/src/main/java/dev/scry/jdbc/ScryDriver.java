package dev.scry.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.avatica.remote.Driver;
import org.apache.calcite.avatica.remote.Service;

/**
 * The Scry JDBC driver: {@code jdbc:scry://host:port}, Avatica's remote protocol (protobuf over
 * HTTP) underneath. See {@link ScryConnectString} for the URL and its properties.
 */
public class ScryDriver extends Driver {

  static {
    new ScryDriver().register();
  }

  public ScryDriver() {
    super();
  }

  /** Avatica's factory, except for Scry's connection and statements (cancel and query timeout). */
  @Override
  protected AvaticaFactory createFactory() {
    return new ScryJdbcFactory(super.createFactory());
  }

  @Override
  protected String getConnectStringPrefix() {
    return ScryConnectString.PREFIX;
  }

  @Override
  protected DriverVersion createDriverVersion() {
    return DriverVersion.load(
        ScryDriver.class,
        "dev/scry/jdbc/scry-jdbc-driver.properties",
        "Scry JDBC Driver",
        "unknown version",
        "Scry",
        "unknown version");
  }

  /**
   * Opens a connection to the gateway.
   *
   * <p>Avatica's own {@code connect} would read everything after the prefix as its
   * {@code key=value;...} list, which {@code //host:port} is not; so the connection is built here
   * from the translated properties, while keeping the caller's URL for
   * {@code DatabaseMetaData.getURL()}.
   */
  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null; // DriverManager asks every driver; another one may own this URL.
    }
    Properties avatica = ScryConnectString.toAvaticaProperties(url, info);
    AvaticaConnection connection = factory.newConnection(this, factory, url, avatica);
    handler.onConnectionInit(connection);
    String endpoint = avatica.getProperty(ScryConnectString.AVATICA_URL);
    try {
      // Avatica forwards only the properties that are not its own (user and custom ones).
      connection
          .getService()
          .apply(
              new Service.OpenConnectionRequest(
                  connection.id, Service.OpenConnectionRequest.serializeProperties(avatica)));
    } catch (RuntimeException e) {
      // Avatica reports transport failures unchecked; JDBC callers expect an SQLException.
      throw GatewayErrors.fromGateway(e)
          .orElseGet(
              () ->
                  GatewayErrors.typed(
                      "Cannot connect to the Scry gateway at " + endpoint + ": " + rootMessage(e),
                      "08001",
                      0,
                      e));
    }
    applySchema(connection, avatica.getProperty(ScryConnectString.SCHEMA));
    return connection;
  }

  /**
   * Avatica keeps the {@code schema} property on the client and never sends it, so the default
   * schema reaches the gateway the way {@code Connection.setSchema} does.
   */
  private static void applySchema(AvaticaConnection connection, String schema) throws SQLException {
    if (schema == null || schema.isEmpty()) {
      return;
    }
    try {
      connection.setSchema(schema);
      // Avatica's setSchema only records the change; reading it back sends it, so an unknown schema
      // fails here, at connect time, instead of at the first statement.
      connection.getSchema();
    } catch (SQLException | RuntimeException e) {
      SQLException failure = GatewayErrors.toSqlException(e);
      try {
        connection.close();
      } catch (SQLException | RuntimeException closeFailure) {
        failure.addSuppressed(closeFailure);
      }
      throw failure;
    }
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() != null ? root.getMessage() : root.getClass().getName();
  }
}
