package dev.scry.gateway;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one line {@code scry serve} prints on standard output once it accepts connections, with its JDBC
 * URL and, when the Flight SQL port is on, that port's URL for Arrow's Flight SQL JDBC driver after
 * {@value #FLIGHT}; launchers (the bench, the tests, scripts) wait for it.
 */
public final class ReadyLine {
  private static final String PREFIX = "Scry gateway ready: ";
  private static final String FLIGHT = " flight sql: ";

  /** The line; group 1 is the JDBC URL. */
  public static final Pattern PATTERN =
      Pattern.compile(Pattern.quote(PREFIX) + "(jdbc:scry://\\S+)");

  private static final Pattern FLIGHT_PATTERN =
      Pattern.compile(Pattern.quote(PREFIX) + "\\S+" + Pattern.quote(FLIGHT) + "(\\S+)");

  private ReadyLine() {}

  static String of(String jdbcUrl, Optional<String> flightUrl) {
    return PREFIX + jdbcUrl + flightUrl.map(url -> FLIGHT + url).orElse("");
  }

  /** The Flight SQL URL when {@code line} is the ready line of a gateway with the Flight SQL port on. */
  public static Optional<String> flightUrl(String line) {
    Matcher ready = FLIGHT_PATTERN.matcher(line);
    return ready.find() ? Optional.of(ready.group(1)) : Optional.empty();
  }

  /** The JDBC URL when {@code line} is the ready line. */
  public static Optional<String> url(String line) {
    Matcher ready = PATTERN.matcher(line);
    return ready.find() ? Optional.of(ready.group(1)) : Optional.empty();
  }
}
