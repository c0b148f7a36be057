package dev.scry.planner.sqlrewrite;

import dev.scry.planner.ScryException;
import org.apache.calcite.sql.parser.SqlParserPos;

/** Errors in a statement that start with where they are, as Calcite's validator words its own. */
public final class PositionedErrors {
  private PositionedErrors() {}

  public static ScryException at(SqlParserPos pos, String message) {
    return new ScryException(
        "At line " + pos.getLineNum() + ", column " + pos.getColumnNum() + ": " + message);
  }
}
