package dev.scry.gateway.fuzz;

import dev.scry.gateway.ClientMessages;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a client may see when a statement fails (issue #12, "no internal failure reaches a client"): an
 * SQLException with an SQLSTATE that names a class of error (not empty, not Avatica's "00000" for
 * unknown, not "XX000" for internal) and a message written for the person who wrote the SQL, without
 * Java class names, stack-trace text or cause chains.
 */
final class ErrorContract {
  /** What Avatica's driver puts around the gateway's message: none of it explains anything. */
  private static final Pattern DRIVER_WORDING =
      Pattern.compile(
          "Error -?\\d+ \\([^)]*\\) :|while preparing SQL:|Error while executing SQL|Remote driver error:|<sql>");

  private static final Pattern QUOTED_TOKEN = Pattern.compile("Encountered \"[^\"]*\"");

  /** The first Java exception class named in a message: what the report groups failures by. */
  private static final Pattern EXCEPTION_CLASS =
      Pattern.compile("\\b([A-Z][A-Za-z0-9_$]*(?:Exception|Error))\\b");

  /** Exceptions that mean a bug in the gateway (or a library it calls), never a mistake in the SQL. */
  private static final List<String> INTERNAL =
      List.of(
          "NullPointerException",
          "AssertionError",
          "ClassCastException",
          "IndexOutOfBoundsException",
          "ArrayIndexOutOfBoundsException",
          "StringIndexOutOfBoundsException",
          "UnsupportedOperationException",
          "IllegalStateException",
          "NoSuchElementException",
          "StackOverflowError",
          "OutOfMemoryError",
          "ConcurrentModificationException",
          "NumberFormatException",
          "ArithmeticException",
          "IllegalArgumentException",
          "InternalError",
          "MatchError",
          "NoSuchMethodError",
          "NoClassDefFoundError");

  private ErrorContract() {}

  /** What is wrong with {@code error} as an answer to {@code sql}; empty when it keeps the contract. */
  static List<String> violations(SQLException error, String sql) {
    List<String> problems = new ArrayList<>();
    String state = error.getSQLState();
    if (state == null || state.isBlank() || state.equals("00000")) {
      problems.add("no SQLSTATE (" + state + ")");
    } else if (state.equals("XX000")) {
      problems.add("SQLSTATE XX000 (internal error)");
    }
    // A syntax error quotes the token it met, which may be anything the statement holds ("->",
    // say).
    String text = QUOTED_TOKEN.matcher(messages(error, sql)).replaceAll("Encountered <token>");
    if (!DRIVER_WORDING.matcher(text).replaceAll("").matches("(?s).*\\p{L}{3}.*")) {
      problems.add("the message says nothing but the statement");
    }
    for (Pattern pattern : ClientMessages.JAVA_TEXT) {
      Matcher matcher = pattern.matcher(text);
      if (matcher.find()) {
        problems.add("Java text in the message: '" + matcher.group() + "'");
      }
    }
    return problems;
  }

  /**
   * The last exception class the message names, e.g. "NullPointerException": Avatica lists causes
   * after the exception, so this is the innermost, the one that names the failure.
   */
  static Optional<String> exceptionClass(String message) {
    Matcher matcher = EXCEPTION_CLASS.matcher(message);
    String last = null;
    while (matcher.find()) {
      last = matcher.group(1);
    }
    return Optional.ofNullable(last);
  }

  /**
   * Whether the innermost exception {@code text} names (the message, then the gateway's exceptions) is of
   * a kind that only a bug throws.
   */
  static boolean isInternal(String text) {
    return exceptionClass(text).filter(INTERNAL::contains).isPresent();
  }

  /**
   * The messages of the exception and its causes (clients print those too), without the statement's
   * own text, which Avatica's driver quotes in the message and which may contain anything.
   */
  static String messages(Throwable error, String sql) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = t.getMessage() == null ? "" : t.getMessage();
      text.append(sql.isEmpty() ? message : message.replace(sql, "<sql>")).append('\n');
    }
    return text.toString();
  }
}
