package dev.scry.planner.ddl;

import dev.scry.planner.CommandPlan;
import dev.scry.planner.CommandResult;
import dev.scry.planner.SessionState;
import dev.scry.planner.parser.ddl.ScryInsertOverwrite;
import java.util.Objects;
import java.util.Optional;

/**
 * INSERT OVERWRITE [TABLE] managed_table [PARTITION (…)] [(column, ...)] query: the rows replace the
 * table's, or one partition's, in one catalog update; the update count is the rows written.
 */
final class InsertOverwriteCommand implements CommandHandler<ScryInsertOverwrite> {
  static final StatementKind<ScryInsertOverwrite> KIND =
      StatementKind.noRows(
          ScryInsertOverwrite.class,
          services ->
              new InsertOverwriteCommand(
                  new InsertPlanner(services.catalog(), services.planner()), services.writes()));

  private final InsertPlanner inserts;
  private final Optional<TableWrites> writes;

  InsertOverwriteCommand(InsertPlanner inserts, Optional<TableWrites> writes) {
    this.inserts = Objects.requireNonNull(inserts, "inserts");
    this.writes = Objects.requireNonNull(writes, "writes");
  }

  @Override
  public CommandResult execute(
      ScryInsertOverwrite overwrite, CommandPlan plan, SessionState session) {
    InsertPlan rows =
        inserts.plan(
            overwrite.table(),
            overwrite.columns(),
            overwrite.partition(),
            overwrite.source(),
            plan.sql(),
            session);
    return CommandResult.updated(writes.orElseThrow(TableWrites::noEngine).overwrite(rows));
  }
}
