package dev.scry.gateway;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.remote.AvaticaCommonsHttpClientImpl;

/**
 * Avatica's HTTP client, noting the kind of every request it sends (driver property
 * {@code httpclient_impl}): the protobuf wire message names its request class.
 */
public final class RequestCountingHttpClient extends AvaticaCommonsHttpClientImpl {
  private static final Pattern REQUEST = Pattern.compile("Requests\\$(\\w+)Request");

  /** Requests sent by every client of this class, in order; tests clear it. */
  static final List<String> SENT = new CopyOnWriteArrayList<>();

  public RequestCountingHttpClient(URL url) {
    super(url);
  }

  @Override
  public byte[] send(byte[] request) {
    Matcher kind = REQUEST.matcher(new String(request, StandardCharsets.ISO_8859_1));
    SENT.add(kind.find() ? kind.group(1) : "unknown");
    return super.send(request);
  }
}
