package dev.scry.planner.ddl;

import dev.scry.planner.CommandPlan;
import dev.scry.planner.CommandResult;
import dev.scry.planner.ErrorCode;
import dev.scry.planner.ResultColumn;
import dev.scry.planner.ScryException;
import dev.scry.planner.SessionState;
import dev.scry.planner.catalog.Catalog;
import dev.scry.planner.catalog.CatalogSnapshot;
import dev.scry.planner.catalog.ColumnDefinition;
import dev.scry.planner.catalog.TableDefinition;
import dev.scry.planner.catalog.ViewDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlDescribeTable;

/** DESCRIBE [TABLE] name: one row per column of a table or view, in its order. */
final class DescribeTableCommand implements CommandHandler<SqlDescribeTable> {
  static final List<ResultColumn> COLUMNS =
      List.of(
          ResultColumn.varchar("column_name"),
          ResultColumn.varchar("data_type"),
          ResultColumn.varchar("is_nullable"));
  static final StatementKind<SqlDescribeTable> KIND =
      new StatementKind<>(
          SqlDescribeTable.class,
          COLUMNS,
          services -> new DescribeTableCommand(services.catalog()));

  private final Catalog catalog;

  DescribeTableCommand(Catalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  @Override
  public CommandResult execute(SqlDescribeTable describe, CommandPlan plan, SessionState session) {
    QualifiedName name = QualifiedName.of(describe.getTable(), session, catalog.snapshot());
    CatalogSnapshot snapshot = catalog.snapshot();
    List<ColumnDefinition> columns =
        snapshot
            .table(name.schema(), name.table())
            .map(TableDefinition::columns)
            .or(() -> snapshot.view(name.schema(), name.table()).map(ViewDefinition::columns))
            .orElseThrow(
                () ->
                    new ScryException(
                        ErrorCode.TABLE_NOT_FOUND, "Table '" + name + "' does not exist"));
    List<List<Object>> rows = new ArrayList<>();
    for (ColumnDefinition column : columns) {
      rows.add(List.of(column.name(), column.type().toString(), column.nullable() ? "YES" : "NO"));
    }
    return CommandResult.rows(COLUMNS, rows);
  }
}
