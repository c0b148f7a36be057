package dev.scry.planner.sql;

import dev.scry.planner.ScryException;
import org.apache.calcite.sql.parser.SqlParserPos;

/** Errors in a statement that start with where they are, as Calcite's validator words its own. */
final class PositionedErrors {
  private PositionedErrors() {}

  static ScryException at(SqlParserPos pos, String message) {
    return new ScryException("At line " + pos.getLineNum() + ", column " + pos.getColumnNum() + ": " + message);
  }
}
