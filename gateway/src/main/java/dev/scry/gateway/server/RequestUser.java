package dev.scry.gateway.server;

/**
 * The authenticated user of the HTTP request being handled. Avatica calls the {@code Meta} on the
 * request's own thread, so the protocol layer reads here who opened a connection.
 */
public final class RequestUser {
  /** The name logged when the gateway runs without authentication. */
  public static final String ANONYMOUS = "anonymous";

  private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

  private RequestUser() {}

  public static String current() {
    String user = CURRENT.get();
    return user == null ? ANONYMOUS : user;
  }

  static void set(String user) {
    CURRENT.set(user);
  }

  static void clear() {
    CURRENT.remove();
  }
}
