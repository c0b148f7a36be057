package dev.scry.planner.ddl;

import dev.scry.planner.CommandPlan;
import dev.scry.planner.CommandResult;
import dev.scry.planner.SessionState;
import dev.scry.planner.catalog.Catalog;
import dev.scry.planner.parser.ddl.ScryCreateSchema;
import java.util.Objects;

/** CREATE SCHEMA [IF NOT EXISTS] name. */
final class CreateSchemaCommand implements CommandHandler<ScryCreateSchema> {
  static final StatementKind<ScryCreateSchema> KIND =
      StatementKind.noRows(
          ScryCreateSchema.class, services -> new CreateSchemaCommand(services.catalog()));

  private final Catalog catalog;

  CreateSchemaCommand(Catalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  @Override
  public CommandResult execute(ScryCreateSchema create, CommandPlan plan, SessionState session) {
    catalog.createSchema(SchemaNames.of(create.name()), create.ifNotExists());
    return CommandResult.done();
  }
}
