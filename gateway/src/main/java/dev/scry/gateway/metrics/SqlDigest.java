package dev.scry.gateway.metrics;

import java.util.regex.Pattern;

/**
 * A statement's text as {@code scry.queries} shows it: comments dropped, every string and number
 * literal replaced by {@code ?}, white space collapsed, at most {@value #MAX_CHARS} characters. What is
 * left are keywords and names; parameter values were never in the text.
 */
final class SqlDigest {
  static final int MAX_CHARS = 1000;

  private static final Pattern LINE_COMMENT = Pattern.compile("--[^\\n\\r]*");
  private static final Pattern BLOCK_COMMENT = Pattern.compile("/\\*.*?(\\*/|$)", Pattern.DOTALL);
  // Quoted strings with '' inside, with an optional prefix (X'..', N'..', U&'..', E'..').
  private static final Pattern STRING =
      Pattern.compile("(?i)(?:x|n|e|u&)?'(?:[^']|'')*('|$)", Pattern.DOTALL);
  // Numbers not glued to a name (col1 keeps its 1), with fraction and exponent.
  private static final Pattern NUMBER =
      Pattern.compile("(?<![\\w.])\\d+(?:\\.\\d*)?(?:[eE][+-]?\\d+)?|(?<![\\w.])\\.\\d+");
  private static final Pattern SPACE = Pattern.compile("\\s+");

  private SqlDigest() {}

  static String of(String sql) {
    String digest = STRING.matcher(sql).replaceAll("?");
    digest = BLOCK_COMMENT.matcher(digest).replaceAll(" ");
    digest = LINE_COMMENT.matcher(digest).replaceAll(" ");
    digest = NUMBER.matcher(digest).replaceAll("?");
    digest = SPACE.matcher(digest).replaceAll(" ").trim();
    return digest.length() <= MAX_CHARS ? digest : digest.substring(0, MAX_CHARS) + "...";
  }
}
