package dev.scry.gateway;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text that only gets into a message from Java — class names, packages, JVM wording, cause chains, stack
 * frames — and so must never be in what a person is told: a client's error, the start-up failure line.
 * One list for every test that reads such messages.
 */
public final class ClientMessages {
  public static final List<Pattern> JAVA_TEXT =
      List.of(
          Pattern.compile("\\b[A-Z][A-Za-z0-9_$]*(?:Exception|Error)\\b"),
          Pattern.compile("\\b(?:java|javax|scala|org\\.apache|com\\.google|dev\\.scry)\\.[a-z]"),
          Pattern.compile("Cannot invoke|because \"[^\"]*\" is null|\\bnull pointer\\b"),
          Pattern.compile("->|\\bCause:"),
          Pattern.compile("\\bat [a-z][\\w.$]+\\([\\w.]+:\\d+\\)"));

  private ClientMessages() {}

  /** The first Java text in {@code message}, if it holds any. */
  public static Optional<String> javaText(String message) {
    for (Pattern pattern : JAVA_TEXT) {
      Matcher matcher = pattern.matcher(message);
      if (matcher.find()) {
        return Optional.of(matcher.group());
      }
    }
    return Optional.empty();
  }
}
