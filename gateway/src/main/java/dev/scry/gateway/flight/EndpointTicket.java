package dev.scry.gateway.flight;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.sql.impl.FlightSql.TicketStatementQuery;

/**
 * What one endpoint of a result names: the statement, the run of it the FlightInfo announced (a
 * prepared statement runs again for each FlightInfo), and which of the run's {@code parts} it reads.
 * A direct read of a prepared statement without a FlightInfo is a fresh run of one part ({@link
 * #whole}).
 */
record EndpointTicket(StatementHandle handle, long run, int part, int parts) {
  /** The run number of a read without FlightInfo: it starts a run of its own. */
  static final long FRESH_RUN = -1;

  private static final String SEPARATOR = ";";

  EndpointTicket {
    Objects.requireNonNull(handle, "handle");
    if (parts < 1 || part < 0 || part >= parts) {
      throw StatementHandle.notFound();
    }
  }

  static EndpointTicket whole(StatementHandle handle) {
    return new EndpointTicket(handle, FRESH_RUN, 0, 1);
  }

  /** The ticket's statement handle bytes: {@code <handle>;<run>;<part>;<parts>}. */
  static EndpointTicket parse(ByteString bytes) {
    String[] fields = bytes.toString(StandardCharsets.UTF_8).split(SEPARATOR, -1);
    if (fields.length != 4) {
      throw StatementHandle.notFound();
    }
    try {
      return new EndpointTicket(
          StatementHandle.parse(ByteString.copyFromUtf8(fields[0])),
          Long.parseLong(fields[1]),
          Integer.parseInt(fields[2]),
          Integer.parseInt(fields[3]));
    } catch (NumberFormatException e) {
      throw StatementHandle.notFound();
    }
  }

  /** The ticket of one of this gateway's endpoints. */
  static EndpointTicket of(Ticket ticket) {
    try {
      Any any = Any.parseFrom(ticket.getBytes());
      return parse(any.unpack(TicketStatementQuery.class).getStatementHandle());
    } catch (InvalidProtocolBufferException e) {
      throw StatementHandle.notFound();
    }
  }

  /** The endpoint, on this server (no location: the client's own connection). */
  FlightEndpoint endpoint() {
    ByteString bytes =
        handle
            .bytes()
            .concat(
                ByteString.copyFromUtf8(SEPARATOR + run + SEPARATOR + part + SEPARATOR + parts));
    TicketStatementQuery ticket =
        TicketStatementQuery.newBuilder().setStatementHandle(bytes).build();
    return new FlightEndpoint(new Ticket(Any.pack(ticket).toByteArray()));
  }
}
