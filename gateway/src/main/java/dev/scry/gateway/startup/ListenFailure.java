package dev.scry.gateway.startup;

import java.net.BindException;
import java.util.Locale;

/** Why the HTTP server could not listen, told as a start-up failure. */
public final class ListenFailure {
  private ListenFailure() {}

  public static StartupFailure of(String host, int port, Throwable error) {
    return of(host, port, "--port N or server.port", error);
  }

  /** As {@link #of(String, int, Throwable)}, for a port set elsewhere ({@code portSetting} names where). */
  public static StartupFailure of(String host, int port, String portSetting, Throwable error) {
    BindException bind = find(error);
    String reason =
        bind == null || bind.getMessage() == null ? "" : bind.getMessage().toLowerCase(Locale.ROOT);
    if (reason.contains("in use")) {
      return StartupFailure.of(
          "port "
              + port
              + " on "
              + host
              + " is already in use; stop the process that holds it, "
              + "or choose another port with "
              + portSetting,
          error);
    }
    if (reason.contains("assign")) {
      return StartupFailure.of(
          "cannot listen on "
              + host
              + ":"
              + port
              + " (the address is not one of this machine's); "
              + "set server.host to a local address, e.g. 127.0.0.1 or 0.0.0.0",
          error);
    }
    return StartupFailure.seeLog(
        "cannot listen on "
            + host
            + ":"
            + port
            + " ("
            + FailureLine.plain(bind != null ? bind.getMessage() : deepest(error).getMessage())
            + ")",
        error);
  }

  /** The innermost cause: the server's own wrapping repeats the address (a wrong key store password, say). */
  private static Throwable deepest(Throwable error) {
    Throwable t = error;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  private static BindException find(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof BindException bind) {
        return bind;
      }
    }
    return null;
  }
}
