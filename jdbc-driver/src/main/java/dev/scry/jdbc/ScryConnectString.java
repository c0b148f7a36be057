package dev.scry.jdbc;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Translates a Scry JDBC URL and its connection properties into the properties Avatica's remote
 * driver reads.
 *
 * <p>URL form: {@code jdbc:scry://host[:port][/][;key=value;...]} or
 * {@code jdbc:scry://host[:port][/][?key=value&...]}. The port defaults to {@value #DEFAULT_PORT};
 * an IPv6 host is written in brackets. Extras in the URL override properties of the same name.
 *
 * <p>Translation: {@code url=http(s)://host:port} and {@code serialization=protobuf} (unless
 * {@code serialization} is given); {@code user}/{@code password} become Avatica's BASIC
 * authentication ({@code authentication}, {@code avatica_user}, {@code avatica_password});
 * {@code ssl=true} switches to https; {@code fetch_size} defaults to {@value #DEFAULT_FETCH_SIZE}
 * rows; with protobuf, {@code factory} names a {@link FrameReadingServiceFactory} (the service whose
 * translation reads result frames by hand; {@code prefetch=true} picks the one that fetches a frame
 * ahead) unless given. Every other property ({@code schema}, Avatica's
 * {@code truststore}, {@code truststore_password}, {@code hostname_verification}, ...) passes through
 * unchanged. The plain {@code password} is dropped so that it travels only in the HTTP
 * Authorization header, never in the open-connection request body.
 */
final class ScryConnectString {

  static final String PREFIX = "jdbc:scry:";
  static final int DEFAULT_PORT = 8765;

  static final String USER = "user";
  static final String PASSWORD = "password";
  static final String SSL = "ssl";
  static final String SCHEMA = "schema";
  static final String PREFETCH = "prefetch";

  // Avatica's own property names (BuiltInConnectionProperty).
  static final String AVATICA_URL = "url";
  static final String AVATICA_SERIALIZATION = "serialization";
  static final String AVATICA_AUTHENTICATION = "authentication";
  static final String AVATICA_USER = "avatica_user";
  static final String AVATICA_PASSWORD = "avatica_password";
  static final String AVATICA_FETCH_SIZE = "fetch_size";
  static final String AVATICA_FACTORY = "factory";

  /**
   * Rows per frame a statement asks for unless the caller sets {@code fetch_size} or
   * {@code Statement.setFetchSize}: the gateway's default {@code limits.max-rows-per-frame}. Avatica's
   * own default, 100 rows, makes large fetches crawl through thousands of round trips.
   */
  static final int DEFAULT_FETCH_SIZE = 5000;

  private static final String URL_START = PREFIX + "//";

  private ScryConnectString() {}

  /** Whether {@code url} is meant for the Scry driver (it may still be malformed). */
  static boolean accepts(String url) {
    return url != null && url.startsWith(PREFIX);
  }

  /**
   * Returns the properties for Avatica's remote driver.
   *
   * @param url a {@code jdbc:scry://} URL
   * @param info the caller's connection properties (may be null); not modified
   * @throws SQLException if the URL is malformed; the message never repeats the URL's extras,
   *     which may hold a password
   */
  static Properties toAvaticaProperties(String url, Properties info) throws SQLException {
    Objects.requireNonNull(url, "url");
    if (!url.startsWith(URL_START)) {
      throw malformed("it must start with " + URL_START + " (jdbc:scry://host:port)");
    }
    String rest = url.substring(URL_START.length());
    int authorityEnd = indexOfAny(rest, "/;?");
    String authority = authorityEnd < 0 ? rest : rest.substring(0, authorityEnd);
    String tail = authorityEnd < 0 ? "" : rest.substring(authorityEnd);
    if (tail.startsWith("/")) {
      tail = tail.substring(1);
    }

    HostAndPort address = HostAndPort.parse(authority);
    Map<String, String> extras = parseExtras(tail, authority);

    Properties merged = new Properties();
    if (info != null) {
      for (String name : info.stringPropertyNames()) {
        merged.setProperty(name, info.getProperty(name));
      }
    }
    extras.forEach(merged::setProperty);

    boolean ssl = parseFlag(SSL, merged.remove(SSL), authority);
    boolean prefetch = parseFlag(PREFETCH, merged.remove(PREFETCH), authority);
    Object user = merged.get(USER);
    Object password = merged.remove(PASSWORD);
    if (user != null && !user.toString().isEmpty()) {
      merged.putIfAbsent(AVATICA_AUTHENTICATION, "BASIC");
      merged.setProperty(AVATICA_USER, user.toString());
      merged.setProperty(AVATICA_PASSWORD, password == null ? "" : password.toString());
    }
    merged.setProperty(AVATICA_URL, (ssl ? "https://" : "http://") + address.toUrlAuthority());
    merged.putIfAbsent(AVATICA_SERIALIZATION, "protobuf");
    merged.putIfAbsent(AVATICA_FETCH_SIZE, Integer.toString(DEFAULT_FETCH_SIZE));
    if ("protobuf".equalsIgnoreCase(merged.getProperty(AVATICA_SERIALIZATION))) {
      merged.putIfAbsent(
          AVATICA_FACTORY,
          (prefetch ? FrameReadingServiceFactory.PREFETCHING : FrameReadingServiceFactory.PLAIN)
              .pluginName());
    }
    return merged;
  }

  private static Map<String, String> parseExtras(String tail, String authority)
      throws SQLException {
    Map<String, String> extras = new LinkedHashMap<>();
    if (tail.isEmpty()) {
      return extras;
    }
    String separators;
    if (tail.charAt(0) == ';') {
      separators = ";";
    } else if (tail.charAt(0) == '?') {
      separators = "&;";
    } else {
      throw malformed(
          "after //" + authority + " only '/', ';key=value' or '?key=value' may follow (no path)");
    }
    for (String pair : tail.substring(1).split("[" + separators + "]")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        String name = eq < 0 ? pair : "";
        throw malformed("extra '" + name + "' after //" + authority + " is not key=value");
      }
      extras.put(pair.substring(0, eq).trim(), pair.substring(eq + 1));
    }
    return extras;
  }

  private static boolean parseFlag(String name, Object value, String authority)
      throws SQLException {
    if (value == null) {
      return false;
    }
    String text = value.toString().trim();
    if (text.equalsIgnoreCase("true")) {
      return true;
    }
    if (text.equalsIgnoreCase("false") || text.isEmpty()) {
      return false;
    }
    throw malformed(
        "property " + name + " for //" + authority + " must be true or false, not '" + text + "'");
  }

  private static int indexOfAny(String text, String characters) {
    for (int i = 0; i < text.length(); i++) {
      if (characters.indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  static SQLException malformed(String problem) {
    // 08001: the client could not establish the connection.
    return new SQLException("Malformed Scry JDBC URL: " + problem, "08001");
  }

  /** The gateway's address as written in the URL. */
  record HostAndPort(String host, int port) {

    HostAndPort {
      Objects.requireNonNull(host, "host");
    }

    static HostAndPort parse(String authority) throws SQLException {
      if (authority.isEmpty()) {
        throw malformed("no host after jdbc:scry:// (expected jdbc:scry://host:port)");
      }
      String host;
      String portText;
      if (authority.startsWith("[")) {
        int close = authority.indexOf(']');
        if (close < 0) {
          throw malformed("IPv6 host in //" + authority + " lacks its closing ']'");
        }
        host = authority.substring(0, close + 1);
        String after = authority.substring(close + 1);
        if (!after.isEmpty() && !after.startsWith(":")) {
          throw malformed("unexpected '" + after + "' after host " + host);
        }
        portText = after.isEmpty() ? null : after.substring(1);
      } else {
        int colon = authority.lastIndexOf(':');
        if (colon != authority.indexOf(':')) {
          throw malformed(
              "host //"
                  + authority
                  + " looks like IPv6: write it in brackets, e.g."
                  + " jdbc:scry://[::1]:"
                  + DEFAULT_PORT);
        }
        host = colon < 0 ? authority : authority.substring(0, colon);
        portText = colon < 0 ? null : authority.substring(colon + 1);
      }
      if (host.isEmpty() || host.equals("[]")) {
        throw malformed("no host in //" + authority);
      }
      return new HostAndPort(
          host, portText == null ? DEFAULT_PORT : parsePort(portText, authority));
    }

    private static int parsePort(String text, String authority) throws SQLException {
      int port;
      try {
        port = Integer.parseInt(text);
      } catch (NumberFormatException e) {
        throw malformed("port '" + text + "' in //" + authority + " is not a number");
      }
      if (port < 1 || port > 65535) {
        throw malformed("port " + port + " in //" + authority + " is outside 1..65535");
      }
      return port;
    }

    String toUrlAuthority() {
      return host + ":" + port;
    }
  }
}
