package dev.scry.gateway.flight;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightStatusCode;

/**
 * How a client names an operation: the operation's id, and whether it is a prepared statement (which
 * runs again and again until the client closes it) or a single query (closed once its result is read).
 * Ids are only valid in the session that made them.
 */
record StatementHandle(int operationId, boolean prepared) {
  private static final String PREPARED = "p";
  private static final String QUERY = "q";

  static StatementHandle parse(ByteString bytes) {
    String text = bytes.toString(StandardCharsets.UTF_8);
    int colon = text.indexOf(':');
    try {
      String kind = text.substring(0, Math.max(colon, 0));
      if (!kind.equals(PREPARED) && !kind.equals(QUERY)) {
        throw new NumberFormatException(kind);
      }
      return new StatementHandle(
          Integer.parseInt(text.substring(colon + 1)), kind.equals(PREPARED));
    } catch (NumberFormatException e) {
      throw notFound();
    }
  }

  ByteString bytes() {
    return ByteString.copyFromUtf8((prepared ? PREPARED : QUERY) + ":" + operationId);
  }

  static RuntimeException notFound() {
    return new CallStatus(
            FlightStatusCode.NOT_FOUND,
            null,
            "The statement is not open on this connection: it was closed, or belongs to another"
                + " connection",
            null)
        .toRuntimeException();
  }
}
