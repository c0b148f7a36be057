package dev.scry.gateway.flight;

import dev.scry.gateway.error.ErrorReporter;
import dev.scry.gateway.error.ReportedError;
import java.util.Objects;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.ErrorFlightMetadata;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;

/**
 * A failure as the Flight status a client gets: the gateway's one sentence with the statement id and
 * the SQLSTATE in the description (the Flight SQL JDBC driver shows only the description), the SQLSTATE
 * and vendor code also in the trailers ({@value #SQLSTATE_KEY}, {@value #VENDOR_CODE_KEY}), a status code
 * by the SQLSTATE's class. Failures not yet reported are logged through the {@link ErrorReporter}.
 */
final class FlightErrors {
  static final String SQLSTATE_KEY = "x-scry-sqlstate";
  static final String VENDOR_CODE_KEY = "x-scry-vendor-code";

  private final ErrorReporter reporter;

  FlightErrors(ErrorReporter reporter) {
    this.reporter = Objects.requireNonNull(reporter, "reporter");
  }

  /** The status for {@code failure}; a Flight status raised on purpose (auth, not found) passes as is. */
  FlightRuntimeException toFlight(Throwable failure) {
    if (failure instanceof FlightRuntimeException flight) {
      return flight;
    }
    return toFlight(reporter.report(failure));
  }

  static FlightRuntimeException toFlight(ReportedError error) {
    String sqlState = error.code().sqlState();
    ErrorFlightMetadata metadata = new ErrorFlightMetadata();
    metadata.insert(SQLSTATE_KEY, sqlState);
    metadata.insert(VENDOR_CODE_KEY, Integer.toString(error.code().vendorCode()));
    String description =
        error.clientError().message()
            + " (SQLSTATE "
            + sqlState
            + ", statement "
            + error.statementId()
            + ")";
    return new CallStatus(statusCode(sqlState), null, description, metadata).toRuntimeException();
  }

  private static FlightStatusCode statusCode(String sqlState) {
    return switch (sqlState.substring(0, 2)) {
      case "28" -> FlightStatusCode.UNAUTHENTICATED;
      case "08" -> FlightStatusCode.UNAVAILABLE;
      case "57" -> FlightStatusCode.CANCELLED;
      case "HY" -> FlightStatusCode.TIMED_OUT;
      case "0A" -> FlightStatusCode.UNIMPLEMENTED;
      case "53", "54" -> FlightStatusCode.RESOURCE_EXHAUSTED;
      case "XX", "58" -> FlightStatusCode.INTERNAL;
      default -> FlightStatusCode.INVALID_ARGUMENT;
    };
  }
}
