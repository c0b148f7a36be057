package dev.scry.planner.ddl;

import dev.scry.planner.CommandPlan;
import dev.scry.planner.CommandResult;
import dev.scry.planner.SessionState;
import dev.scry.planner.catalog.Catalog;
import dev.scry.planner.parser.ddl.ScryDropView;
import java.util.Objects;

/** DROP VIEW [IF EXISTS] name: only the definition goes; views that read it fail until recreated. */
final class DropViewCommand implements CommandHandler<ScryDropView> {
  static final StatementKind<ScryDropView> KIND =
      StatementKind.noRows(ScryDropView.class, services -> new DropViewCommand(services.catalog()));

  private final Catalog catalog;

  DropViewCommand(Catalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  @Override
  public CommandResult execute(ScryDropView drop, CommandPlan plan, SessionState session) {
    QualifiedName name = QualifiedName.of(drop.name(), session, catalog.snapshot());
    catalog.dropView(name.schema(), name.table(), drop.ifExists());
    return CommandResult.done();
  }
}
