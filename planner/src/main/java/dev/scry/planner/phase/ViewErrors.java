package dev.scry.planner.phase;

import dev.scry.planner.ErrorCode;
import dev.scry.planner.ScryException;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParseException;

/**
 * A view that no longer plans (its table or model dropped, a column gone) fails the query that reads
 * it with an error naming the view, what is missing and where in the view's SQL, and what to do.
 */
final class ViewErrors {
  private ViewErrors() {}

  static RuntimeException of(String view, Exception failure) {
    if (failure instanceof UnreadableView inner) {
      return inner; // a view inside this one already said which and why
    }
    if (failure instanceof ScryException scry) {
      return error(view, scry.code(), scry.getMessage(), scry);
    }
    if (failure instanceof CalciteContextException context && context.getCause() != null) {
      String problem = context.getCause().getMessage();
      ErrorCode code =
          problem.startsWith("Object '")
              ? ErrorCode.TABLE_NOT_FOUND
              : problem.startsWith("Column '") ? ErrorCode.COLUMN_NOT_FOUND : ErrorCode.SEMANTIC;
      return error(
          view,
          code,
          problem
              + " (line "
              + context.getPosLine()
              + ", column "
              + context.getPosColumn()
              + " of its SQL)",
          context);
    }
    if (failure instanceof SqlParseException parse) {
      return error(view, ErrorCode.SYNTAX, parse.getMessage(), parse);
    }
    return failure instanceof RuntimeException runtime
        ? runtime
        : new IllegalStateException(failure.getMessage(), failure);
  }

  private static ScryException error(String view, ErrorCode code, String problem, Exception cause) {
    return new UnreadableView(
        code,
        "View '"
            + view
            + "' cannot be read: "
            + problem
            + "; recreate it with CREATE OR REPLACE VIEW, or drop it",
        cause);
  }

  /** The error of a view that does not plan, already naming the view: an enclosing view passes it on. */
  private static final class UnreadableView extends ScryException {
    private static final long serialVersionUID = 1L;

    UnreadableView(ErrorCode code, String message, Throwable cause) {
      super(code, message, cause);
    }
  }
}
