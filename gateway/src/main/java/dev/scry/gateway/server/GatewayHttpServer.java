package dev.scry.gateway.server;

import dev.scry.gateway.error.ErrorReporter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Optional;
import org.apache.calcite.avatica.metrics.noop.NoopMetricsSystem;
import org.apache.calcite.avatica.remote.JsonHandler;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.server.AvaticaJsonHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The Jetty server in front of Avatica: one connector (HTTP, or HTTPS from a key store) on the
 * configured address, and {@link ScryHttpHandler} for every request.
 */
public final class GatewayHttpServer implements AutoCloseable {
  private final Server server;
  private final ServerConnector connector;

  private GatewayHttpServer(Server server, ServerConnector connector) {
    this.server = server;
    this.connector = connector;
  }

  /** Where TLS keys come from: a key store file, its type and password. */
  public record TlsKeys(String keystorePath, String keystoreType, String password) {
    public TlsKeys {
      Objects.requireNonNull(keystorePath, "keystorePath");
      Objects.requireNonNull(keystoreType, "keystoreType");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
      return "TlsKeys[" + keystorePath + ", " + keystoreType + "]";
    }
  }

  /** Serves {@code service}, which must report its own errors (see {@link ErrorReportingService}). */
  public static GatewayHttpServer start(
      Service service,
      String host,
      int port,
      Optional<TlsKeys> tls,
      Optional<BasicAuthenticator> authenticator,
      HealthReport health,
      ErrorReporter errors,
      MetricsSource metrics,
      boolean metricsOpen) {
    Server server = new Server();
    ServerConnector connector;
    if (tls.isPresent()) {
      SslContextFactory.Server ssl = new SslContextFactory.Server();
      ssl.setKeyStorePath(tls.get().keystorePath());
      ssl.setKeyStoreType(tls.get().keystoreType());
      ssl.setKeyStorePassword(tls.get().password());
      connector = new ServerConnector(server, ssl);
    } else {
      connector = new ServerConnector(server);
    }
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);
    ScryProtobufHandler protobuf = new ScryProtobufHandler(service);
    AvaticaJsonHandler json = new AvaticaJsonHandler(service);
    JsonHandler jsonErrors = new JsonHandler(service, NoopMetricsSystem.getInstance());
    server.setHandler(
        new ScryHttpHandler(
            protobuf, json, jsonErrors, authenticator, health, errors, metrics, metricsOpen));
    try {
      server.start();
    } catch (Exception e) {
      throw new IllegalStateException(
          "Cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    Service.RpcMetadataResponse metadata =
        new Service.RpcMetadataResponse(serverAddress(connector));
    protobuf.setServerRpcMetadata(metadata);
    json.setServerRpcMetadata(metadata);
    return new GatewayHttpServer(server, connector);
  }

  private static String serverAddress(ServerConnector connector) {
    try {
      return InetAddress.getLocalHost().getHostName() + ":" + connector.getLocalPort();
    } catch (UnknownHostException e) {
      return connector.getHost() + ":" + connector.getLocalPort();
    }
  }

  public int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot stop the HTTP server", e);
    }
  }
}
