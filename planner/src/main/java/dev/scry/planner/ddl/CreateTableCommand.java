package dev.scry.planner.ddl;

import dev.scry.planner.CommandPlan;
import dev.scry.planner.CommandResult;
import dev.scry.planner.ScryException;
import dev.scry.planner.ScryPlanner;
import dev.scry.planner.SessionState;
import dev.scry.planner.catalog.Catalog;
import dev.scry.planner.catalog.ColumnDefinition;
import dev.scry.planner.catalog.TableDefinition;
import dev.scry.planner.parser.ddl.ScryCreateTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * CREATE TABLE name (columns): an empty managed table under the warehouse. It is only a catalog entry
 * with no data folder; nothing is written until the first INSERT, and reading it gives no rows.
 */
final class CreateTableCommand implements CommandHandler<ScryCreateTable> {
  static final StatementKind<ScryCreateTable> KIND =
      StatementKind.noRows(
          ScryCreateTable.class,
          services -> new CreateTableCommand(services.catalog(), services.planner()));

  private final Catalog catalog;
  private final ScryPlanner planner;

  CreateTableCommand(Catalog catalog, ScryPlanner planner) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.planner = Objects.requireNonNull(planner, "planner");
  }

  @Override
  public CommandResult execute(ScryCreateTable create, CommandPlan plan, SessionState session) {
    QualifiedName name = QualifiedName.of(create.name(), session, catalog.snapshot());
    List<ColumnDefinition> columns =
        DeclaredColumns.of(create.columns(), planner.queryPlanner(session));
    TableDefinition table =
        new TableDefinition(
            name.schema(),
            name.table(),
            TableWrites.managedFormat(create.format()),
            catalog.managedLocation(name.schema(), name.table()),
            create.optionMap(),
            columns,
            partitionColumns(create.partitionColumnNames(), columns),
            false);
    catalog.createTable(table, create.ifNotExists());
    return CommandResult.done();
  }

  /** The partition columns as declared; each must be a column, and not every column may be. */
  private static List<String> partitionColumns(List<String> named, List<ColumnDefinition> columns) {
    List<String> resolved = new ArrayList<>();
    for (String partition : named) {
      ColumnDefinition column =
          columns.stream()
              .filter(c -> c.name().equalsIgnoreCase(partition))
              .findFirst()
              .orElseThrow(
                  () ->
                      new ScryException(
                          "PARTITIONED BY names '"
                              + partition
                              + "', which is not a declared column"));
      if (column.type().isArray()) {
        throw new ScryException(
            "PARTITIONED BY cannot name '" + column.name() + "': an ARRAY is no folder name");
      }
      resolved.add(column.name());
    }
    if (!resolved.isEmpty() && resolved.size() == columns.size()) {
      throw new ScryException(
          "PARTITIONED BY cannot name every column: the files would hold no data");
    }
    return resolved;
  }
}
