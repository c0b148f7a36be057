package dev.scry.gateway.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQL text as a list of tokens, for the mutator: strings, quoted identifiers, numbers, words,
 * two-character operators and single characters. Good enough to cut and splice statements; it is not
 * the parser's lexer and need not agree with it on odd input.
 */
final class SqlTokens {
  private static final Pattern TOKEN =
      Pattern.compile(
          "'(?:[^']|'')*'?" // a string, maybe unterminated
              + "|\"(?:[^\"]|\"\")*\"?" // a quoted identifier
              + "|\\d+(?:\\.\\d*)?(?:[eE][+-]?\\d+)?" // a number
              + "|[A-Za-z_][A-Za-z0-9_$]*" // a word
              + "|=>|<>|<=|>=|\\|\\||!=" // two-character operators
              + "|\\S"); // anything else, one character

  private SqlTokens() {}

  static List<String> split(String sql) {
    List<String> tokens = new ArrayList<>();
    Matcher matcher = TOKEN.matcher(sql);
    while (matcher.find()) {
      tokens.add(matcher.group());
    }
    return tokens;
  }

  /** The tokens as SQL: separated by spaces, except around dots so that {@code t.c} stays one name. */
  static String join(List<String> tokens) {
    StringBuilder sql = new StringBuilder();
    String previous = null;
    for (String token : tokens) {
      if (previous != null && !previous.equals(".") && !token.equals(".")) {
        sql.append(' ');
      }
      sql.append(token);
      previous = token;
    }
    return sql.toString();
  }

  static boolean isNumber(String token) {
    return !token.isEmpty() && Character.isDigit(token.charAt(0));
  }

  static boolean isString(String token) {
    return token.startsWith("'");
  }

  /** A table, column or alias name: the generators write keywords and functions in capitals, names not. */
  static boolean isName(String token) {
    return token.startsWith("\"")
        || isWord(token) && !token.equals(token.toUpperCase(java.util.Locale.ROOT));
  }

  static boolean isWord(String token) {
    return !token.isEmpty()
        && (Character.isLetter(token.charAt(0))
            || token.charAt(0) == '_'
            || token.startsWith("\""));
  }
}
