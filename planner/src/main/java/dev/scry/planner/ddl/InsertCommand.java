package dev.scry.planner.ddl;

import dev.scry.planner.CommandPlan;
import dev.scry.planner.CommandResult;
import dev.scry.planner.SessionState;
import java.util.Objects;
import java.util.Optional;
import org.apache.calcite.sql.SqlInsert;

/** INSERT INTO managed_table query; the update count is the rows written. */
final class InsertCommand implements CommandHandler<SqlInsert> {
  static final StatementKind<SqlInsert> KIND =
      StatementKind.noRows(SqlInsert.class, services -> new InsertCommand(services.writes()));

  private final Optional<TableWrites> writes;

  InsertCommand(Optional<TableWrites> writes) {
    this.writes = Objects.requireNonNull(writes, "writes");
  }

  @Override
  public CommandResult execute(SqlInsert insert, CommandPlan plan, SessionState session) {
    return CommandResult.updated(
        writes.orElseThrow(TableWrites::noEngine).insert(insert, plan.sql(), session));
  }
}
