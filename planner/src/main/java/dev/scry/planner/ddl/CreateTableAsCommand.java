package dev.scry.planner.ddl;

import dev.scry.planner.CommandPlan;
import dev.scry.planner.CommandResult;
import dev.scry.planner.SessionState;
import dev.scry.planner.parser.ddl.ScryCreateTableAs;
import java.util.Objects;
import java.util.Optional;

/** CREATE TABLE … AS query: a managed table written by the engine; the update count is the rows written. */
final class CreateTableAsCommand implements CommandHandler<ScryCreateTableAs> {
  static final StatementKind<ScryCreateTableAs> KIND =
      StatementKind.noRows(
          ScryCreateTableAs.class, services -> new CreateTableAsCommand(services.writes()));

  private final Optional<TableWrites> writes;

  CreateTableAsCommand(Optional<TableWrites> writes) {
    this.writes = Objects.requireNonNull(writes, "writes");
  }

  @Override
  public CommandResult execute(ScryCreateTableAs create, CommandPlan plan, SessionState session) {
    return CommandResult.updated(
        writes.orElseThrow(TableWrites::noEngine).createTableAs(create, plan.sql(), session));
  }
}
