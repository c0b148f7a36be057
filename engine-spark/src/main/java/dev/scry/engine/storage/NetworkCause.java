package dev.scry.engine.storage;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/** Why a request got no answer, in words: the network errors under hadoop-azure's status -1. */
final class NetworkCause {
  private NetworkCause() {}

  static boolean isNetwork(Throwable t) {
    return t instanceof UnknownHostException
        || t instanceof SocketException
        || t instanceof SocketTimeoutException
        || t instanceof SSLException;
  }

  /** A connection that was made but not answered in time, as opposed to one that could not be made. */
  static boolean isReadTimeout(IOException cause) {
    return cause instanceof SocketTimeoutException && !mentionsConnect(cause);
  }

  static String words(IOException cause) {
    if (cause instanceof UnknownHostException) {
      // Its message is the host name, sometimes followed by the resolver's reason.
      String host = cause.getMessage() == null ? "" : cause.getMessage().split("[:\\s]", 2)[0];
      return host.isEmpty() ? "unknown host" : "unknown host '" + host + "'";
    }
    if (cause instanceof SocketTimeoutException || timedOut(cause)) {
      return mentionsConnect(cause) || cause instanceof ConnectException
          ? "connection timed out"
          : "read timed out";
    }
    if (cause instanceof ConnectException) {
      return "connection refused";
    }
    if (cause instanceof NoRouteToHostException) {
      return "no route to host";
    }
    if (cause instanceof SSLException) {
      return "the TLS handshake failed";
    }
    String message = cause.getMessage() == null ? "" : cause.getMessage().toLowerCase(Locale.ROOT);
    return message.contains("reset") ? "connection reset" : "connection failed";
  }

  private static boolean timedOut(IOException cause) {
    return cause.getMessage() != null
        && cause.getMessage().toLowerCase(Locale.ROOT).contains("timed out");
  }

  private static boolean mentionsConnect(IOException cause) {
    return cause.getMessage() != null
        && cause.getMessage().toLowerCase(Locale.ROOT).contains("connect");
  }
}
