package dev.scry.jdbc;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.ConnectionConfig;
import org.apache.calcite.avatica.remote.AvaticaHttpClient;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;

/**
 * The service a Scry connection talks through: Avatica's remote protobuf service that fetches a
 * result's next frame ahead ({@link PrefetchingService}), with {@link FrameReadingTranslation}
 * underneath. Avatica's driver builds its service in a package-private
 * method, and takes another only through the {@code factory} connection property, which
 * {@link ScryConnectString} sets to this class. The HTTP client is made as Avatica's driver makes it:
 * its configured client factory, the load-balanced URL when client-side load balancing is on, and the
 * connection's Kerberos login (done before the service is created).
 *
 * <p>Public with a public constructor only because Avatica instantiates it by name.
 */
public final class FrameReadingServiceFactory implements Service.Factory {

  public FrameReadingServiceFactory() {
    // Instantiated by Avatica (ConnectionConfig.factory()).
  }

  @Override
  public Service create(AvaticaConnection connection) {
    ConnectionConfig config = connection.config();
    String url = config.useClientSideLb() ? config.getLBStrategy().getLbURL(config) : config.url();
    AvaticaHttpClient client;
    try {
      client = config.httpClientFactory().getClient(new URI(url).toURL(), config,
          connection.getKerberosConnection());
    } catch (MalformedURLException | URISyntaxException | IllegalArgumentException e) {
      throw new IllegalStateException("Invalid gateway URL " + url + ": " + e.getMessage(), e);
    }
    return new PrefetchingService(client, new FrameReadingTranslation(new ProtobufTranslationImpl()));
  }
}
