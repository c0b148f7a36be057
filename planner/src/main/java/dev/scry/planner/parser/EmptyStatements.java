package dev.scry.planner.parser;

/**
 * Recognises a statement with nothing to run: null (Avatica's protobuf sends an empty text as no
 * text at all), blank, or only comments. Calcite's parser would fail on it with a null pointer or an
 * "Encountered <EOF>" that tells the user nothing.
 */
public final class EmptyStatements {
  private EmptyStatements() {}

  public static boolean isEmpty(String sql) {
    if (sql == null) {
      return true;
    }
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c) || c == ';') {
        i++;
      } else if (sql.startsWith("--", i)) {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
      } else if (sql.startsWith("/*", i)) {
        int end = sql.indexOf("*/", i + 2);
        // An unclosed comment is a syntax error for the parser to report, not an empty statement.
        if (end < 0) {
          return false;
        }
        i = end + 2;
      } else {
        return false;
      }
    }
    return true;
  }
}
