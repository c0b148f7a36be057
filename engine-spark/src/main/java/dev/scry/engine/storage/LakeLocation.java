package dev.scry.engine.storage;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where on the lake something failed: a location as Scry's users write it
 * ({@code abfs[s]://CONTAINER@ACCOUNT.dfs.core.windows.net/PATH}), never with a query string, so that a
 * SAS signature that hadoop-azure put into a request URL cannot leak through it.
 */
record LakeLocation(String account, Optional<String> container, Optional<String> uri) {
  private static final Pattern ABFS_URI = Pattern.compile("abfss?://[^\\s'\"?#,;()<>]+");
  private static final String AZURE_HOST_SUFFIX = ".core.windows.net";

  /** The first abfs(s):// URI in {@code text}, e.g. Spark's or the catalog's message; empty if none. */
  static Optional<LakeLocation> findUri(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher uri = ABFS_URI.matcher(text);
    return uri.find() ? ofUri(uri.group()) : Optional.empty();
  }

  /** {@code abfs[s]://container@account.dfs.core.windows.net/path}; empty if it is not such a URI. */
  static Optional<LakeLocation> ofUri(String text) {
    URI uri;
    try {
      uri = URI.create(stripQuery(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    String host = uri.getHost();
    if (host == null || uri.getUserInfo() == null || !host.contains(".")) {
      return Optional.empty();
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    String clean = uri.getScheme() + "://" + uri.getUserInfo() + "@" + host + path;
    return Optional.of(
        new LakeLocation(
            host.substring(0, host.indexOf('.')),
            Optional.of(uri.getUserInfo()),
            Optional.of(clean)));
  }

  /**
   * The location a hadoop-azure request URL addresses: {@code https://ACCOUNT.dfs.core.windows.net/CONTAINER/PATH}
   * for Azure, {@code http://HOST:PORT/ACCOUNT/CONTAINER/PATH} for an emulator. Plain http maps to abfs://,
   * https to abfss://.
   */
  static Optional<LakeLocation> ofRequestUrl(String text) {
    URI url;
    try {
      url = URI.create(stripQuery(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (url.getHost() == null || url.getRawPath() == null) {
      return Optional.empty();
    }
    String[] segments = url.getRawPath().replaceFirst("^/", "").split("/", -1);
    int next = 0;
    String account;
    if (url.getHost().endsWith(AZURE_HOST_SUFFIX)) {
      account = url.getHost().substring(0, url.getHost().indexOf('.'));
    } else if (!segments[0].isEmpty()) {
      account = decode(segments[next++]);
    } else {
      return Optional.empty();
    }
    if (segments.length <= next || segments[next].isEmpty()) {
      return Optional.of(new LakeLocation(account, Optional.empty(), Optional.empty()));
    }
    String container = decode(segments[next++]);
    StringBuilder path = new StringBuilder();
    for (int i = next; i < segments.length; i++) {
      path.append(i > next ? "/" : "").append(segments[i]);
    }
    String scheme = "https".equals(url.getScheme()) ? "abfss" : "abfs";
    return Optional.of(
        new LakeLocation(
            account,
            Optional.of(container),
            Optional.of(
                scheme + "://" + container + "@" + account + ".dfs.core.windows.net/" + path)));
  }

  /** The account of an Azure storage host name ({@code acct.dfs.core.windows.net}); empty for other hosts. */
  static Optional<LakeLocation> ofHost(String host) {
    if (host == null) {
      return Optional.empty();
    }
    String name = host.split("[:\\s]", 2)[0];
    return name.endsWith(AZURE_HOST_SUFFIX) && name.indexOf('.') > 0
        ? Optional.of(
            new LakeLocation(
                name.substring(0, name.indexOf('.')), Optional.empty(), Optional.empty()))
        : Optional.empty();
  }

  private static String stripQuery(String text) {
    int query = text.indexOf('?');
    return query < 0 ? text : text.substring(0, query);
  }

  private static String decode(String segment) {
    // A '+' in a URL path is itself, not a space.
    return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
