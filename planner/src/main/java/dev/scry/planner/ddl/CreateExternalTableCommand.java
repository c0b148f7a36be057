package dev.scry.planner.ddl;

import dev.scry.planner.CommandPlan;
import dev.scry.planner.CommandResult;
import dev.scry.planner.ErrorCode;
import dev.scry.planner.ScryException;
import dev.scry.planner.ScryPlanner;
import dev.scry.planner.SessionState;
import dev.scry.planner.catalog.Catalog;
import dev.scry.planner.catalog.ColumnDefinition;
import dev.scry.planner.catalog.LocationPolicy;
import dev.scry.planner.catalog.TableDefinition;
import dev.scry.planner.parser.ddl.ScryCreateExternalTable;
import dev.scry.planner.spi.SchemaInferrer;
import java.util.List;
import java.util.Objects;

/**
 * CREATE EXTERNAL TABLE: registers files under a permitted location as a table. Declared columns are typed
 * as a query would type them; without any, the engine infers them from the files. A Delta table's columns
 * and partition columns come from its log and may not be declared.
 */
final class CreateExternalTableCommand implements CommandHandler<ScryCreateExternalTable> {
  static final StatementKind<ScryCreateExternalTable> KIND =
      StatementKind.noRows(
          ScryCreateExternalTable.class,
          services ->
              new CreateExternalTableCommand(
                  services.catalog(),
                  services.planner(),
                  services.schemaInferrer(),
                  services.locations()));

  private final Catalog catalog;
  private final ScryPlanner planner;
  private final SchemaInferrer schemaInferrer;
  private final LocationPolicy locations;

  CreateExternalTableCommand(
      Catalog catalog,
      ScryPlanner planner,
      SchemaInferrer schemaInferrer,
      LocationPolicy locations) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.planner = Objects.requireNonNull(planner, "planner");
    this.schemaInferrer = Objects.requireNonNull(schemaInferrer, "schemaInferrer");
    this.locations = Objects.requireNonNull(locations, "locations");
  }

  @Override
  public CommandResult execute(
      ScryCreateExternalTable create, CommandPlan plan, SessionState session) {
    QualifiedName name = QualifiedName.of(create.name(), session, catalog.snapshot());
    String location = locations.check(create.locationUri(), "table location");
    if (create.format().hasLog()) {
      refuseDeclaredLayout(create, name);
    }
    List<ColumnDefinition> columns =
        DeclaredColumns.of(create.columns(), planner.queryPlanner(session));
    TableDefinition table =
        new TableDefinition(
            name.schema(),
            name.table(),
            create.format(),
            location,
            create.optionMap(),
            columns,
            create.partitionColumnNames(),
            true);
    if (columns.isEmpty()) {
      table = table.withColumns(schemaInferrer.inferColumns(table));
    }
    if (create.format().hasLog()) {
      table = table.withPartitionColumns(schemaInferrer.partitionColumns(table));
    }
    catalog.createTable(table, create.ifNotExists());
    return CommandResult.done();
  }

  /** A Delta table's columns and partitions are its log's: declaring them could only disagree. */
  private static void refuseDeclaredLayout(ScryCreateExternalTable create, QualifiedName name) {
    if (!create.columns().isEmpty() || !create.partitionColumnNames().isEmpty()) {
      throw new ScryException(
          ErrorCode.SEMANTIC,
          "Leave out the column list and PARTITIONED BY of "
              + create.format()
              + " table "
              + name.schema()
              + "."
              + name.table()
              + ": they come from its transaction log");
    }
  }
}
