package dev.scry.planner.ddl;

import dev.scry.planner.ErrorCode;
import dev.scry.planner.CommandPlan;
import dev.scry.planner.CommandResult;
import dev.scry.planner.QueryPlan;
import dev.scry.planner.ResultColumn;
import dev.scry.planner.ScryException;
import dev.scry.planner.ScryPlanner;
import dev.scry.planner.SessionState;
import dev.scry.planner.catalog.Catalog;
import dev.scry.planner.catalog.CatalogSnapshot;
import dev.scry.planner.catalog.ColumnDefinition;
import dev.scry.planner.catalog.ColumnTypes;
import dev.scry.planner.catalog.LocationPolicy;
import dev.scry.planner.catalog.ModelRegistry;
import dev.scry.planner.catalog.ModelVersion;
import dev.scry.planner.catalog.TableDefinition;
import dev.scry.planner.parser.ddl.ScryCreateExternalTable;
import dev.scry.planner.parser.ddl.ScryCreateModel;
import dev.scry.planner.parser.ddl.ScryCreateSchema;
import dev.scry.planner.parser.ddl.ScryCreateTableAs;
import dev.scry.planner.parser.ddl.ScryDescribeModel;
import dev.scry.planner.parser.ddl.ScryDropModel;
import dev.scry.planner.parser.ddl.ScryDropSchema;
import dev.scry.planner.parser.ddl.ScryDropTable;
import dev.scry.planner.parser.ddl.ScryShowModels;
import dev.scry.planner.parser.ddl.ScryShowSchemas;
import dev.scry.planner.parser.ddl.ScryShowTables;
import dev.scry.planner.spi.SchemaInferrer;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDescribeTable;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlSetOption;
import org.apache.calcite.sql.ddl.SqlColumnDeclaration;
import org.apache.calcite.schema.ColumnStrategy;
import org.apache.calcite.rel.type.RelDataType;

/**
 * Runs the statements that are not queries: DDL on the catalog and the model registry, SHOW, DESCRIBE,
 * SET and EXPLAIN. Each either completes or changes nothing.
 */
public final class CommandExecutor {
  private final Catalog catalog;
  private final ModelRegistry models;
  private final ScryPlanner planner;
  private final SchemaInferrer schemaInferrer;
  private final LocationPolicy locations;
  private final dev.scry.planner.spi.FileStore files;
  private final TableWrites writes;

  public CommandExecutor(Catalog catalog, ModelRegistry models, ScryPlanner planner, SchemaInferrer schemaInferrer,
      LocationPolicy locations, dev.scry.planner.spi.FileStore files) {
    this(catalog, models, planner, schemaInferrer, locations, files, null);
  }

  /** @param writes CTAS and INSERT INTO; null refuses them */
  public CommandExecutor(Catalog catalog, ModelRegistry models, ScryPlanner planner, SchemaInferrer schemaInferrer,
      LocationPolicy locations, dev.scry.planner.spi.FileStore files, TableWrites writes) {
    this.writes = writes;
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.models = Objects.requireNonNull(models, "models");
    this.planner = Objects.requireNonNull(planner, "planner");
    this.schemaInferrer = Objects.requireNonNull(schemaInferrer, "schemaInferrer");
    this.locations = Objects.requireNonNull(locations, "locations");
    this.files = Objects.requireNonNull(files, "files");
  }

  public CommandResult execute(CommandPlan plan, SessionState session) {
    SqlNode node = plan.node();
    if (node instanceof ScryCreateSchema create) {
      catalog.createSchema(schemaName(create.name()), create.ifNotExists());
      return CommandResult.done();
    }
    if (node instanceof ScryDropSchema drop) {
      catalog.dropSchema(schemaName(drop.name()), drop.ifExists());
      return CommandResult.done();
    }
    if (node instanceof ScryCreateExternalTable create) {
      return createExternalTable(create, session);
    }
    if (node instanceof ScryCreateTableAs create) {
      return CommandResult.updated(writes().createTableAs(create, plan.sql(), session));
    }
    if (node instanceof org.apache.calcite.sql.SqlInsert insert) {
      return CommandResult.updated(writes().insert(insert, plan.sql(), session));
    }
    if (node instanceof ScryDropTable drop) {
      return dropTable(drop, session);
    }
    if (node instanceof ScryCreateModel create) {
      return createModel(create);
    }
    if (node instanceof ScryDropModel drop) {
      models.drop(drop.name().getSimple(), drop.ifExists());
      return CommandResult.done();
    }
    if (node instanceof ScryShowSchemas) {
      List<List<Object>> rows = new ArrayList<>();
      catalog.snapshot().sortedSchemas().forEach(s -> rows.add(List.of(s.name())));
      return CommandResult.rows(plan.columns(), rows);
    }
    if (node instanceof ScryShowTables show) {
      return showTables(plan.columns(), show.schema().map(CommandExecutor::schemaName).orElse(session.schema()));
    }
    if (node instanceof ScryShowModels) {
      return showModels(plan.columns());
    }
    if (node instanceof SqlDescribeTable describe) {
      return describeTable(plan.columns(), describe.getTable(), session);
    }
    if (node instanceof ScryDescribeModel describe) {
      return describeModel(plan.columns(), describe.modelName());
    }
    if (node instanceof SqlSetOption set) {
      return setOption(set, session);
    }
    if (node instanceof SqlExplain explain) {
      return explain(plan, explain, session);
    }
    throw new ScryException(ErrorCode.NOT_SUPPORTED, "Statement not supported yet: " + node.getKind());
  }

  private TableWrites writes() {
    if (writes == null) {
      throw new ScryException("This gateway has no engine to write tables with");
    }
    return writes;
  }

  private CommandResult createExternalTable(ScryCreateExternalTable create, SessionState session) {
    QualifiedName name = QualifiedName.of(create.name(), session, catalog.snapshot());
    String location = locations.check(create.locationUri(), "table location");
    List<ColumnDefinition> columns = new ArrayList<>();
    for (SqlNode column : create.columns()) {
      SqlColumnDeclaration declaration = (SqlColumnDeclaration) column;
      boolean nullable = declaration.strategy != ColumnStrategy.NOT_NULLABLE;
      RelDataType type = planner.queryPlanner(session).deriveType(declaration.dataType, nullable);
      columns.add(new ColumnDefinition(declaration.name.getSimple(), ColumnTypes.fromRelDataType(type), nullable));
    }
    TableDefinition table = new TableDefinition(name.schema(), name.table(), create.format(), location,
        create.optionMap(), columns, create.partitionColumnNames(), true);
    if (columns.isEmpty()) {
      table = table.withColumns(schemaInferrer.inferColumns(table));
    }
    catalog.createTable(table, create.ifNotExists());
    return CommandResult.done();
  }

  private CommandResult dropTable(ScryDropTable drop, SessionState session) {
    QualifiedName name = QualifiedName.of(drop.name(), session, catalog.snapshot());
    var table = catalog.snapshot().table(name.schema(), name.table());
    catalog.dropTable(name.schema(), name.table(), drop.ifExists());
    if (table.isPresent() && !table.get().external()) {
      try {
        files.deleteRecursively(table.get().location());
      } catch (IOException e) {
        throw new ScryException("Table " + table.get().qualifiedName() + " was dropped but its data at "
            + table.get().location() + " could not be deleted: " + e.getMessage(), e);
      }
    }
    return CommandResult.done();
  }

  private CommandResult createModel(ScryCreateModel create) {
    Map<String, SqlLiteral> properties = create.propertyMap();
    int batchSize = 0;
    String description = "";
    for (Map.Entry<String, SqlLiteral> property : properties.entrySet()) {
      switch (property.getKey().toLowerCase(java.util.Locale.ROOT)) {
        case "batch_size" -> batchSize = positiveInt("batch_size", property.getValue());
        case "description" -> description = text("description", property.getValue());
        default -> throw new ScryException("Unknown model property '" + property.getKey()
            + "'; known: batch_size, description");
      }
    }
    models.register(create.name().getSimple(), create.sourceUri(), batchSize, description, create.replace(),
        create.ifNotExists());
    return CommandResult.done();
  }

  /**
   * A whole number from 1 up. Checked before it is read: Calcite's literals fail with an AssertionError
   * when read as a type they do not hold (a string, TRUE) and an ArithmeticException for 2.5.
   */
  private static int positiveInt(String key, SqlLiteral literal) {
    BigDecimal value = literal instanceof SqlNumericLiteral number ? number.getValueAs(BigDecimal.class) : null;
    if (value == null || value.signum() <= 0 || value.stripTrailingZeros().scale() > 0
        || value.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
      throw new ScryException(key + " must be a positive integer at " + literal.getParserPosition()
          + ", not " + literal);
    }
    return value.intValueExact();
  }

  private static String text(String key, SqlLiteral literal) {
    if (!(literal instanceof SqlCharStringLiteral)) {
      throw new ScryException(key + " must be a string at " + literal.getParserPosition() + ", not " + literal);
    }
    return literal.getValueAs(String.class);
  }

  private CommandResult showTables(List<ResultColumn> columns, String schemaName) {
    CatalogSnapshot snapshot = catalog.snapshot();
    if (snapshot.schema(schemaName).isEmpty()) {
      throw new ScryException(ErrorCode.SCHEMA_NOT_FOUND, "Schema '" + schemaName + "' does not exist");
    }
    List<List<Object>> rows = new ArrayList<>();
    for (TableDefinition table : snapshot.sortedTables(schemaName)) {
      rows.add(List.of(table.name(), table.schema(), table.external() ? "EXTERNAL" : "MANAGED",
          table.format().name(), table.location()));
    }
    return CommandResult.rows(columns, rows);
  }

  private CommandResult showModels(List<ResultColumn> columns) {
    List<List<Object>> rows = new ArrayList<>();
    for (CatalogSnapshot.ModelEntry model : catalog.snapshot().sortedModels()) {
      ModelVersion latest = model.latest();
      rows.add(List.of(model.name(), latest.version(), latest.description(), latest.sourceUri()));
    }
    return CommandResult.rows(columns, rows);
  }

  private CommandResult describeTable(List<ResultColumn> columns, SqlIdentifier identifier, SessionState session) {
    QualifiedName name = QualifiedName.of(identifier, session, catalog.snapshot());
    TableDefinition table = catalog.snapshot().table(name.schema(), name.table())
        .orElseThrow(() -> new ScryException(ErrorCode.TABLE_NOT_FOUND, "Table '" + name + "' does not exist"));
    List<List<Object>> rows = new ArrayList<>();
    for (ColumnDefinition column : table.columns()) {
      rows.add(List.of(column.name(), column.type().toString(), column.nullable() ? "YES" : "NO"));
    }
    return CommandResult.rows(columns, rows);
  }

  private CommandResult describeModel(List<ResultColumn> columns, String reference) {
    return CommandResult.rows(columns, ModelDescription.rows(models.resolve(reference)));
  }

  private CommandResult setOption(SqlSetOption set, SessionState session) {
    String key = String.join(".", set.getName().names);
    SqlNode value = set.getValue();
    if (value == null) {
      session.reset(key);
      return CommandResult.done();
    }
    String text = value instanceof SqlLiteral literal ? literal.toValue() : value.toString();
    if (text == null) {
      throw new ScryException("SET " + key + " = NULL: a setting takes a value; RESET " + key + " clears it");
    }
    if (SessionState.PREDICT_BATCH_SIZE.equalsIgnoreCase(key)) {
      try {
        if (Integer.parseInt(text) < 1) {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException e) {
        throw new ScryException(key + " must be a positive integer, not " + text);
      }
    }
    session.set(key, text);
    return CommandResult.done();
  }

  private CommandResult explain(CommandPlan plan, SqlExplain explain, SessionState session) {
    SqlNode query = explain.getExplicandum();
    QueryPlan queryPlan = planner.queryPlanner(session).plan(plan.sql(), query);
    List<List<Object>> rows = new ArrayList<>();
    for (String line : RelOptUtil.toString(queryPlan.rel()).split("\n")) {
      rows.add(List.of(line));
    }
    List<String> scans = new LakeScanReport(files).lines(queryPlan.rel());
    if (!scans.isEmpty()) {
      rows.add(List.of("Table scans:"));
      scans.forEach(line -> rows.add(List.of(line)));
    }
    return CommandResult.rows(plan.columns(), rows);
  }

  /** A schema's name: one identifier (the grammar reads a compound one, as for tables). */
  private static String schemaName(SqlIdentifier identifier) {
    if (!identifier.isSimple()) {
      throw new ScryException("Schema names have one part, not " + identifier + " (at "
          + identifier.getParserPosition() + ")");
    }
    return identifier.getSimple();
  }

  /** A table name resolved against the session's schema. */
  record QualifiedName(String schema, String table) {
    static QualifiedName of(SqlIdentifier identifier, SessionState session, CatalogSnapshot snapshot) {
      List<String> names = identifier.names;
      if (names.size() > 2) {
        throw new ScryException("Table names have at most two parts (schema.table): " + identifier);
      }
      String schema = names.size() == 2 ? names.get(0) : session.schema();
      String resolved = snapshot.schema(schema).map(CatalogSnapshot.SchemaEntry::name)
          .orElseThrow(() -> new ScryException(ErrorCode.SCHEMA_NOT_FOUND, "Schema '" + schema + "' does not exist"));
      return new QualifiedName(resolved, names.get(names.size() - 1));
    }

    @Override
    public String toString() {
      return schema + "." + table;
    }
  }
}
