package dev.scry.planner.ddl;

import dev.scry.planner.CommandPlan;
import dev.scry.planner.CommandResult;
import dev.scry.planner.SessionState;
import dev.scry.planner.catalog.Catalog;
import dev.scry.planner.parser.ddl.ScryDropSchema;
import java.util.Objects;

/** DROP SCHEMA [IF EXISTS] name. */
final class DropSchemaCommand implements CommandHandler<ScryDropSchema> {
  static final StatementKind<ScryDropSchema> KIND =
      StatementKind.noRows(
          ScryDropSchema.class, services -> new DropSchemaCommand(services.catalog()));

  private final Catalog catalog;

  DropSchemaCommand(Catalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  @Override
  public CommandResult execute(ScryDropSchema drop, CommandPlan plan, SessionState session) {
    catalog.dropSchema(SchemaNames.of(drop.name()), drop.ifExists());
    return CommandResult.done();
  }
}
