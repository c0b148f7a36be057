package dev.scry.jdbc;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.ConnectionConfig;
import org.apache.calcite.avatica.remote.AvaticaHttpClient;
import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.RemoteProtobufService;
import org.apache.calcite.avatica.remote.Service;

/**
 * The service a Scry connection talks through: Avatica's remote protobuf service with
 * {@link FrameReadingTranslation} underneath, fetching one frame ahead ({@link PrefetchingService})
 * when the connection asks for it. Avatica's driver builds its service in a package-private method,
 * and takes another only through the {@code factory} connection property, which
 * {@link ScryConnectString} sets to {@code dev.scry.jdbc.FrameReadingServiceFactory#PLAIN} or
 * {@code #PREFETCHING} (Avatica reads a plugin from a public static field named after {@code #}).
 * The HTTP client is made as Avatica's driver makes it: its configured client factory, the
 * load-balanced URL when client-side load balancing is on, and the connection's Kerberos login (done
 * before the service is created).
 */
public final class FrameReadingServiceFactory implements Service.Factory {
  /** Frames read by hand, fetched when the client asks. */
  public static final FrameReadingServiceFactory PLAIN = new FrameReadingServiceFactory(false);

  /** Frames read by hand, the next one fetched while the current one is read. */
  public static final FrameReadingServiceFactory PREFETCHING = new FrameReadingServiceFactory(true);

  private final boolean prefetch;

  private FrameReadingServiceFactory(boolean prefetch) {
    this.prefetch = prefetch;
  }

  /** The value of Avatica's {@code factory} property that names this instance. */
  String pluginName() {
    return FrameReadingServiceFactory.class.getName() + (prefetch ? "#PREFETCHING" : "#PLAIN");
  }

  @Override
  public Service create(AvaticaConnection connection) {
    ConnectionConfig config = connection.config();
    String url = config.useClientSideLb() ? config.getLBStrategy().getLbURL(config) : config.url();
    AvaticaHttpClient client;
    try {
      client =
          config
              .httpClientFactory()
              .getClient(new URI(url).toURL(), config, connection.getKerberosConnection());
    } catch (MalformedURLException | URISyntaxException | IllegalArgumentException e) {
      throw new IllegalStateException("Invalid gateway URL " + url + ": " + e.getMessage(), e);
    }
    ProtobufTranslation translation = new FrameReadingTranslation(new ProtobufTranslationImpl());
    return prefetch
        ? new PrefetchingService(client, translation)
        : new RemoteProtobufService(client, translation);
  }
}
