package dev.scry.planner.ddl;

import dev.scry.planner.CommandPlan;
import dev.scry.planner.CommandResult;
import dev.scry.planner.ErrorCode;
import dev.scry.planner.ScryException;
import dev.scry.planner.SessionState;
import dev.scry.planner.catalog.Catalog;
import dev.scry.planner.parser.ddl.ScryCreateSchema;
import dev.scry.planner.system.SystemTables;
import java.util.Objects;
import org.apache.calcite.sql.parser.SqlParserPos;

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
    String name = SchemaNames.of(create.name());
    if (name.equalsIgnoreCase(SystemTables.SCHEMA)) {
      SqlParserPos pos = create.name().getParserPosition();
      throw new ScryException(
          ErrorCode.SEMANTIC,
          "At line "
              + pos.getLineNum()
              + ", column "
              + pos.getColumnNum()
              + ": Schema '"
              + name
              + "' is the gateway's system tables' schema; choose another name");
    }
    catalog.createSchema(name, create.ifNotExists());
    return CommandResult.done();
  }
}
