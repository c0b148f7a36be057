package dev.scry.gateway.startup;

import java.util.Objects;

/**
 * The gateway cannot start, for a reason its operator can fix. The message is the one line {@code scry serve}
 * prints: what failed and what to do, without class names or secrets.
 */
public final class StartupFailure extends RuntimeException {
  private final boolean configuration;
  private final boolean detailsInLog;

  private StartupFailure(
      String message, Throwable cause, boolean configuration, boolean detailsInLog) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.configuration = configuration;
    this.detailsInLog = detailsInLog;
  }

  /** Something outside the configuration file: the lake, the warehouse, the port. */
  public static StartupFailure of(String message, Throwable cause) {
    return new StartupFailure(message, cause, false, false);
  }

  /** As {@link #of}, for a cause the message cannot put in words: the line points to the log. */
  public static StartupFailure seeLog(String message, Throwable cause) {
    return new StartupFailure(message, cause, false, true);
  }

  /** The configuration itself (or a secret it names) cannot be used. */
  public static StartupFailure configuration(String message, Throwable cause) {
    return new StartupFailure(message, cause, true, false);
  }

  public boolean isConfiguration() {
    return configuration;
  }

  public boolean detailsInLog() {
    return detailsInLog;
  }
}
