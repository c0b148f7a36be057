package dev.scry.gateway.startup;

import dev.scry.engine.storage.StorageFailure;
import dev.scry.gateway.config.ConfigException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one line {@code scry serve} prints on standard error when it cannot start, and its exit status: 2
 * when the configuration (or a secret it names) is at fault, 1 otherwise. The line never holds a Java class
 * name or a URL's query string; what it cannot say in words, it leaves to the log file it names.
 */
public record FailureLine(String text, int status) {
  public static final int CONFIGURATION = 2;
  public static final int FAILED = 1;

  private static final Pattern CLASS_NAME =
      Pattern.compile(
          "\\b(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error|Throwable)\\b:?\\s*");

  /** A URL's query string, up to white space (punctuation that ends a sentence stays). */
  private static final Pattern QUERY =
      Pattern.compile("(\\b[a-z][a-z0-9+.-]*://[^\\s?'\"]*)\\?[^\\s'\"]*?(?=[:;,.)]*(?:\\s|$))");

  private static final int LONGEST = 400;

  public static FailureLine of(Throwable error, Path log) {
    if (error instanceof StartupFailure failure) {
      String text =
          plain(failure.getMessage())
              + (failure.detailsInLog() ? "; the log has the details: " + log : "");
      return new FailureLine(text, failure.isConfiguration() ? CONFIGURATION : FAILED);
    }
    if (error instanceof ConfigException || error instanceof IllegalArgumentException) {
      return new FailureLine(plain(error.getMessage()), CONFIGURATION);
    }
    Optional<StorageFailure> storage = StorageFailure.find(error);
    if (storage.isPresent()) {
      return new FailureLine(
          plain(storage.get().message()) + "; the log has the details: " + log, FAILED);
    }
    String message = error.getMessage() == null ? "" : " (" + plain(error.getMessage()) + ")";
    return new FailureLine(
        "the gateway could not start" + message + "; the log has the details: " + log, FAILED);
  }

  /** The first line of {@code message}, without class names and query strings, of a readable length. */
  static String plain(String message) {
    if (message == null || message.isBlank()) {
      return "no reason given";
    }
    String line = message.strip().lines().findFirst().orElse("");
    line = CLASS_NAME.matcher(line).replaceAll("");
    line = QUERY.matcher(line).replaceAll("$1");
    line = line.strip();
    if (line.isEmpty()) {
      return "no reason given";
    }
    return line.length() > LONGEST ? line.substring(0, LONGEST) + "…" : line;
  }
}
