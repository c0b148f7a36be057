package dev.scry.planner.ddl;

import dev.scry.planner.CommandPlan;
import dev.scry.planner.CommandResult;
import dev.scry.planner.ErrorCode;
import dev.scry.planner.ResultColumn;
import dev.scry.planner.ScryException;
import dev.scry.planner.SessionState;
import dev.scry.planner.catalog.Catalog;
import dev.scry.planner.catalog.ColumnDefinition;
import dev.scry.planner.catalog.ViewDefinition;
import dev.scry.planner.parser.ddl.ScryShowCreateView;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** SHOW CREATE VIEW name: one row, the statement that makes the view as it is now. */
final class ShowCreateViewCommand implements CommandHandler<ScryShowCreateView> {
  static final List<ResultColumn> COLUMNS = List.of(ResultColumn.varchar("create_statement"));
  static final StatementKind<ScryShowCreateView> KIND =
      new StatementKind<>(
          ScryShowCreateView.class,
          COLUMNS,
          services -> new ShowCreateViewCommand(services.catalog()));

  private final Catalog catalog;

  ShowCreateViewCommand(Catalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  @Override
  public CommandResult execute(ScryShowCreateView show, CommandPlan plan, SessionState session) {
    QualifiedName name = QualifiedName.of(show.name(), session, catalog.snapshot());
    ViewDefinition view =
        catalog
            .snapshot()
            .view(name.schema(), name.table())
            .orElseThrow(
                () ->
                    new ScryException(
                        ErrorCode.TABLE_NOT_FOUND, "View '" + name + "' does not exist"));
    String columns =
        view.columns().stream()
            .map(ColumnDefinition::name)
            .map(c -> "\"" + c.replace("\"", "\"\"") + "\"")
            .collect(Collectors.joining(", "));
    return CommandResult.rows(
        COLUMNS,
        List.of(
            List.of(
                "CREATE VIEW " + view.qualifiedName() + " (" + columns + ") AS " + view.sql())));
  }
}
