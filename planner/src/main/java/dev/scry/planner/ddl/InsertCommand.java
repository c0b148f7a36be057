package dev.scry.planner.ddl;

import dev.scry.planner.CommandPlan;
import dev.scry.planner.CommandResult;
import dev.scry.planner.ScryException;
import dev.scry.planner.SessionState;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlNodeList;

/**
 * INSERT INTO managed_table [(column, ...)] query | VALUES …: appends the rows; the update count is the
 * rows written. Checked before anything is written, so its errors need no engine.
 */
final class InsertCommand implements CommandHandler<SqlInsert> {
  static final StatementKind<SqlInsert> KIND =
      StatementKind.noRows(
          SqlInsert.class,
          services ->
              new InsertCommand(
                  new InsertPlanner(services.catalog(), services.planner()), services.writes()));

  private final InsertPlanner inserts;
  private final Optional<TableWrites> writes;

  InsertCommand(InsertPlanner inserts, Optional<TableWrites> writes) {
    this.inserts = Objects.requireNonNull(inserts, "inserts");
    this.writes = Objects.requireNonNull(writes, "writes");
  }

  @Override
  public CommandResult execute(SqlInsert insert, CommandPlan plan, SessionState session) {
    if (!(insert.getTargetTable() instanceof SqlIdentifier target)) {
      throw new ScryException(
          "INSERT INTO needs a table name at " + insert.getTargetTable().getParserPosition());
    }
    SqlNodeList columns =
        insert.getTargetColumnList() == null ? SqlNodeList.EMPTY : insert.getTargetColumnList();
    InsertPlan rows =
        inserts.plan(target, columns, List.of(), insert.getSource(), plan.sql(), session);
    return CommandResult.updated(writes.orElseThrow(TableWrites::noEngine).insert(rows));
  }
}
