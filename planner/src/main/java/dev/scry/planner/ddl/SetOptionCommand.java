package dev.scry.planner.ddl;

import dev.scry.planner.CommandPlan;
import dev.scry.planner.CommandResult;
import dev.scry.planner.ScryException;
import dev.scry.planner.SessionState;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSetOption;

/**
 * SET key = value and RESET key: the session's settings. A value the session reads itself
 * ({@link SessionState#PREDICT_BATCH_SIZE}, {@link SessionState#RESULT_CACHE}) is checked here, so a bad one fails at SET rather than at the
 * next query.
 */
final class SetOptionCommand implements CommandHandler<SqlSetOption> {
  static final StatementKind<SqlSetOption> KIND =
      StatementKind.noRows(SqlSetOption.class, services -> new SetOptionCommand());

  @Override
  public CommandResult execute(SqlSetOption set, CommandPlan plan, SessionState session) {
    String key = String.join(".", set.getName().names);
    SqlNode value = set.getValue();
    if (value == null) {
      session.reset(key);
      return CommandResult.done();
    }
    String text = value instanceof SqlLiteral literal ? literal.toValue() : value.toString();
    if (text == null) {
      throw new ScryException(
          "SET " + key + " = NULL: a setting takes a value; RESET " + key + " clears it");
    }
    if (SessionState.PREDICT_BATCH_SIZE.equalsIgnoreCase(key)) {
      checkPositiveInt(key, text);
    } else if (SessionState.RESULT_CACHE.equalsIgnoreCase(key)
        && !text.trim().equalsIgnoreCase("on")
        && !text.trim().equalsIgnoreCase("off")) {
      throw new ScryException(key + " must be on or off, not " + text);
    }
    session.set(key, text);
    return CommandResult.done();
  }

  private static void checkPositiveInt(String key, String text) {
    try {
      if (Integer.parseInt(text) < 1) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      throw new ScryException(key + " must be a positive integer, not " + text);
    }
  }
}
