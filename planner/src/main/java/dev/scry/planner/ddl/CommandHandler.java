package dev.scry.planner.ddl;

import dev.scry.planner.CommandPlan;
import dev.scry.planner.CommandResult;
import dev.scry.planner.SessionState;
import org.apache.calcite.sql.SqlNode;

/**
 * Runs one kind of statement. A handler gets what it needs through its constructor; {@code plan} gives
 * the statement's SQL text to those that plan a query from it (EXPLAIN, CREATE TABLE AS, INSERT).
 */
@FunctionalInterface
interface CommandHandler<T extends SqlNode> {
  CommandResult execute(T statement, CommandPlan plan, SessionState session);
}
