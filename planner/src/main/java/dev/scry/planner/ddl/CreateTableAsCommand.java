package dev.scry.planner.ddl;

import dev.scry.planner.CommandPlan;
import dev.scry.planner.CommandResult;
import dev.scry.planner.SessionState;
import dev.scry.planner.catalog.LocationPolicy;
import dev.scry.planner.parser.ddl.ScryCreateTableAs;
import java.util.Objects;
import java.util.Optional;

/**
 * CREATE TABLE … AS query: a managed table written by the engine, or a Delta table at a permitted
 * LOCATION; the update count is the rows written.
 */
final class CreateTableAsCommand implements CommandHandler<ScryCreateTableAs> {
  static final StatementKind<ScryCreateTableAs> KIND =
      StatementKind.noRows(
          ScryCreateTableAs.class,
          services -> new CreateTableAsCommand(services.writes(), services.locations()));

  private final Optional<TableWrites> writes;
  private final LocationPolicy locations;

  CreateTableAsCommand(Optional<TableWrites> writes, LocationPolicy locations) {
    this.writes = Objects.requireNonNull(writes, "writes");
    this.locations = Objects.requireNonNull(locations, "locations");
  }

  @Override
  public CommandResult execute(ScryCreateTableAs create, CommandPlan plan, SessionState session) {
    TableWrites tables = writes.orElseThrow(TableWrites::noEngine);
    Optional<String> location =
        create.locationUri().map(uri -> locations.check(uri, "table location"));
    return CommandResult.updated(tables.createTableAs(create, plan.sql(), session, location));
  }
}
