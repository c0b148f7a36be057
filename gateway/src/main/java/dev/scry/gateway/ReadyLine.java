package dev.scry.gateway;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one line {@code scry serve} prints on standard output once it accepts connections, with its JDBC
 * URL; launchers (the bench, the tests, scripts) wait for it.
 */
public final class ReadyLine {
  private static final String PREFIX = "Scry gateway ready: ";

  /** The line; group 1 is the JDBC URL. */
  public static final Pattern PATTERN =
      Pattern.compile(Pattern.quote(PREFIX) + "(jdbc:scry://\\S+)");

  private ReadyLine() {}

  static String of(String jdbcUrl) {
    return PREFIX + jdbcUrl;
  }

  /** The JDBC URL when {@code line} is the ready line. */
  public static Optional<String> url(String line) {
    Matcher ready = PATTERN.matcher(line);
    return ready.find() ? Optional.of(ready.group(1)) : Optional.empty();
  }
}
