package dev.scry.gateway.exec;

import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Turns a parser error into one readable message: what was found, at which line and column, and a
 * short list of what could have come there instead of JavaCC's full list.
 */
final class SyntaxErrors {
  private static final int MAX_EXPECTED = 8;

  private SyntaxErrors() {}

  /** True when the parser gave up for lack of stack, not because of the text's grammar. */
  static boolean tooDeep(SqlParseException e) {
    return e.getCause() instanceof StackOverflowError;
  }

  static String describe(SqlParseException e) {
    if (e.getCause() instanceof StackOverflowError) {
      // Calcite's parser reports its own stack overflow as a parse error without a message.
      return "The statement is nested too deeply to parse; simplify it, e.g. split long chains of operators or"
          + " nested calls";
    }
    SqlParserPos pos = e.getPos();
    String first = firstLine(e.getMessage());
    StringBuilder message = new StringBuilder("Syntax error");
    if (pos != null) {
      message
          .append(" at line ")
          .append(pos.getLineNum())
          .append(", column ")
          .append(pos.getColumnNum());
    }
    message.append(": ").append(first);
    int[][] expected = e.getExpectedTokenSequences();
    String[] images = e.getTokenImages();
    if (expected != null
        && images != null
        && expected.length > 0
        && expected.length <= MAX_EXPECTED) {
      message.append(" Expected one of:");
      for (int[] sequence : expected) {
        if (sequence.length > 0) {
          message.append(' ').append(images[sequence[0]]);
        }
      }
    }
    return message.toString();
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    int newline = text.indexOf('\n');
    return (newline < 0 ? text : text.substring(0, newline)).trim();
  }
}
