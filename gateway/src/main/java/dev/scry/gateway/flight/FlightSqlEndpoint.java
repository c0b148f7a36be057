package dev.scry.gateway.flight;

import dev.scry.gateway.catalog.CatalogBrowser;
import dev.scry.gateway.error.ErrorReporter;
import dev.scry.gateway.exec.StatementExecutor;
import dev.scry.gateway.server.BasicAuthenticator;
import dev.scry.gateway.server.GatewayHttpServer;
import dev.scry.gateway.session.SessionManager;
import dev.scry.planner.catalog.Catalog;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.flight.FlightServer;
import org.apache.arrow.flight.Location;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's Arrow Flight SQL port: a Flight server whose producer adapts Flight SQL to the session
 * core the Avatica port uses too, with the same users (Basic in the handshake, then a bearer token) and
 * the same TLS key store. Results are Arrow record batches built in Spark's tasks, sent by threads of
 * the endpoint's own (see {@link ScryFlightSqlProducer}); a large result is several endpoints.
 */
public final class FlightSqlEndpoint implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FlightSqlEndpoint.class);

  private final BufferAllocator allocator;
  private final ExecutorService senders;
  private final FlightServer server;
  private final String host;
  private final boolean tls;

  private FlightSqlEndpoint(
      BufferAllocator allocator,
      ExecutorService senders,
      FlightServer server,
      String host,
      boolean tls) {
    this.allocator = allocator;
    this.senders = senders;
    this.server = server;
    this.host = host;
    this.tls = tls;
  }

  /** What the endpoint serves and how it is reached. */
  public record Settings(
      String host,
      int port,
      Optional<GatewayHttpServer.TlsKeys> tls,
      Optional<BasicAuthenticator> authenticator,
      String version) {}

  /**
   * Listens on {@code settings.port()} (0: any free port); an {@link IOException} when the port cannot
   * be used.
   */
  public static FlightSqlEndpoint start(
      Settings settings,
      SessionManager sessions,
      StatementExecutor executor,
      Catalog catalog,
      ErrorReporter reporter)
      throws IOException {
    BufferAllocator allocator = new RootAllocator();
    // One thread per result being sent; how many results run at once the session limits decide.
    ExecutorService senders = Executors.newCachedThreadPool(senderThreads());
    try {
      FlightErrors errors = new FlightErrors(reporter);
      ResultStream results = new ResultStream(allocator, sessions.limits().maxRowsPerFrame());
      FlightSessions flightSessions =
          new FlightSessions(sessions, settings.authenticator(), errors);
      ScryFlightSqlProducer producer =
          new ScryFlightSqlProducer(
              flightSessions,
              new FlightStatements(sessions, executor, allocator, results),
              new FlightCatalog(new CatalogBrowser(catalog), results, settings.version()),
              errors,
              senders);
      Location location =
          settings.tls().isPresent()
              ? Location.forGrpcTls(settings.host(), settings.port())
              : Location.forGrpcInsecure(settings.host(), settings.port());
      FlightServer.Builder builder =
          FlightServer.builder(allocator, location, producer).headerAuthenticator(flightSessions);
      if (settings.tls().isPresent()) {
        PemKeys keys = PemKeys.from(settings.tls().get());
        builder.useTls(keys.certificateChainStream(), keys.privateKeyStream());
      }
      FlightServer server = builder.build().start();
      return new FlightSqlEndpoint(
          allocator, senders, server, settings.host(), settings.tls().isPresent());
    } catch (IOException | RuntimeException e) {
      senders.shutdownNow();
      allocator.close();
      throw e;
    }
  }

  private static ThreadFactory senderThreads() {
    AtomicInteger count = new AtomicInteger();
    return work -> {
      Thread thread = new Thread(work, "scry-flight-sender-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  public int port() {
    return server.getPort();
  }

  /** The URL of Arrow's Flight SQL JDBC driver for this port. */
  public String jdbcUrl() {
    return "jdbc:arrow-flight-sql://" + host + ":" + port() + "?useEncryption=" + tls;
  }

  @Override
  public void close() {
    server.shutdown();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("The Flight SQL port did not stop within 5 s; closing its connections");
      }
      server.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    senders.shutdownNow();
    // Buffers of streams cut off by the shutdown may still be held by gRPC: they go with the JVM.
    try {
      allocator.close();
    } catch (IllegalStateException e) {
      LOG.debug("Flight buffers still held at close: {}", e.getMessage());
    }
  }
}
