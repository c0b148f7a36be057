package dev.scry.planner.ddl;

import dev.scry.planner.CommandPlan;
import dev.scry.planner.CommandResult;
import dev.scry.planner.ErrorCode;
import dev.scry.planner.ResultColumn;
import dev.scry.planner.ScryException;
import dev.scry.planner.SessionState;
import dev.scry.planner.catalog.Catalog;
import dev.scry.planner.catalog.CatalogSnapshot;
import dev.scry.planner.catalog.TableDefinition;
import dev.scry.planner.catalog.ViewDefinition;
import dev.scry.planner.parser.ddl.ScryShowTables;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * SHOW TABLES [IN schema]: the tables and views of one schema (the session's by default), sorted by
 * name; a view's type is VIEW.
 */
final class ShowTablesCommand implements CommandHandler<ScryShowTables> {
  static final List<ResultColumn> COLUMNS =
      List.of(
          ResultColumn.varchar("table_name"),
          ResultColumn.varchar("schema_name"),
          ResultColumn.varchar("table_type"),
          ResultColumn.varchar("format"),
          ResultColumn.varchar("location"));
  static final StatementKind<ScryShowTables> KIND =
      new StatementKind<>(
          ScryShowTables.class, COLUMNS, services -> new ShowTablesCommand(services.catalog()));

  private final Catalog catalog;

  ShowTablesCommand(Catalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  @Override
  public CommandResult execute(ScryShowTables show, CommandPlan plan, SessionState session) {
    String schemaName = show.schema().map(SchemaNames::of).orElse(session.schema());
    CatalogSnapshot snapshot = catalog.snapshot();
    if (snapshot.schema(schemaName).isEmpty()) {
      throw new ScryException(
          ErrorCode.SCHEMA_NOT_FOUND, "Schema '" + schemaName + "' does not exist");
    }
    List<List<Object>> rows = new ArrayList<>();
    for (TableDefinition table : snapshot.sortedTables(schemaName)) {
      rows.add(
          List.of(
              table.name(),
              table.schema(),
              table.external() ? "EXTERNAL" : "MANAGED",
              table.format().name(),
              table.location()));
    }
    for (ViewDefinition view : snapshot.sortedViews(schemaName)) {
      // A view has no format and no location of its own.
      rows.add(Arrays.asList(view.name(), view.schema(), "VIEW", null, null));
    }
    rows.sort(Comparator.comparing(row -> row.get(0).toString().toLowerCase(Locale.ROOT)));
    return CommandResult.rows(COLUMNS, rows);
  }
}
