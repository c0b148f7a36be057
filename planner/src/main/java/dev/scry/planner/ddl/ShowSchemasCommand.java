package dev.scry.planner.ddl;

import dev.scry.planner.CommandPlan;
import dev.scry.planner.CommandResult;
import dev.scry.planner.ResultColumn;
import dev.scry.planner.SessionState;
import dev.scry.planner.catalog.Catalog;
import dev.scry.planner.parser.ddl.ScryShowSchemas;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** SHOW SCHEMAS: one row per schema, sorted by name. */
final class ShowSchemasCommand implements CommandHandler<ScryShowSchemas> {
  static final List<ResultColumn> COLUMNS = List.of(ResultColumn.varchar("schema_name"));
  static final StatementKind<ScryShowSchemas> KIND =
      new StatementKind<>(
          ScryShowSchemas.class, COLUMNS, services -> new ShowSchemasCommand(services.catalog()));

  private final Catalog catalog;

  ShowSchemasCommand(Catalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  @Override
  public CommandResult execute(ScryShowSchemas show, CommandPlan plan, SessionState session) {
    List<List<Object>> rows = new ArrayList<>();
    catalog.snapshot().sortedSchemas().forEach(schema -> rows.add(List.of(schema.name())));
    return CommandResult.rows(COLUMNS, rows);
  }
}
