package dev.scry.planner.ddl;

import dev.scry.planner.ErrorCode;
import dev.scry.planner.QueryPlan;
import dev.scry.planner.ScryException;
import dev.scry.planner.ScryPlanner;
import dev.scry.planner.SessionState;
import dev.scry.planner.catalog.Catalog;
import dev.scry.planner.catalog.ColumnDefinition;
import dev.scry.planner.catalog.ColumnTypes;
import dev.scry.planner.catalog.Locations;
import dev.scry.planner.catalog.TableDefinition;
import dev.scry.planner.catalog.TableFormat;
import dev.scry.planner.parser.ddl.ScryCreateTableAs;
import dev.scry.planner.scan.PartitionReplacement;
import dev.scry.planner.spi.FileStore;
import dev.scry.planner.spi.LogTables;
import dev.scry.planner.spi.TableWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlNode;

/**
 * CREATE TABLE … AS query, INSERT INTO and INSERT OVERWRITE for managed tables under the warehouse.
 * Each write goes to a new folder under the table's location that no reader looks at; only when the
 * engine has written all of it does one catalog update make it part of the table. A write that fails
 * leaves the table as it was (its folder is deleted, and would be ignored if that failed too). Delta
 * tables ({@link LogTables}) are written the same way in spirit, with their log in the catalog's
 * place: the engine's one commit to the log makes a write visible.
 */
public final class TableWrites {
  /** Prefix of the folder each committed write lands in. */
  static final String DATA_FOLDER_PREFIX = "data-";

  /** A Delta table's log folder, under its location. */
  private static final String LOG_FOLDER = "_delta_log";

  private final Catalog catalog;
  private final ScryPlanner planner;
  private final TableWriter writer;
  private final LogTables logTables;
  private final FileStore files;
  private final PartitionReplacement partitions;

  /** {@code logTables} writes Delta tables as commits to their log. */
  TableWrites(
      Catalog catalog,
      ScryPlanner planner,
      TableWriter writer,
      LogTables logTables,
      FileStore files) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.planner = Objects.requireNonNull(planner, "planner");
    this.writer = Objects.requireNonNull(writer, "writer");
    this.logTables = Objects.requireNonNull(logTables, "logTables");
    this.files = Objects.requireNonNull(files, "files");
    this.partitions = new PartitionReplacement(files);
  }

  /** The refusal of a write where no engine was given to write with. */
  static ScryException noEngine() {
    return new ScryException("This gateway has no engine to write tables with");
  }

  /**
   * The format of a new managed table made by CREATE TABLE (columns): PARQUET unless STORED AS says
   * otherwise. An empty Delta table is refused: a Delta table is made from a query's rows (CREATE
   * TABLE … STORED AS DELTA AS query).
   */
  static TableFormat managedFormat(Optional<TableFormat> stored) {
    TableFormat format = stored.orElse(TableFormat.PARQUET);
    if (format.hasLog()) {
      throw new ScryException(
          ErrorCode.NOT_SUPPORTED,
          "CREATE TABLE with a column list cannot make a "
              + format
              + " table yet; make it from a query: CREATE TABLE … STORED AS "
              + format
              + " AS SELECT …");
    }
    return format;
  }

  /**
   * Runs a CTAS; the update count is the number of rows written (0 when IF NOT EXISTS found the table).
   *
   * @param location the checked LOCATION of a Delta table; empty for a table under the warehouse
   */
  public long createTableAs(
      ScryCreateTableAs create, String sql, SessionState session, Optional<String> location) {
    QualifiedName name = QualifiedName.of(create.name(), session, catalog.snapshot());
    if (catalog.snapshot().table(name.schema(), name.table()).isPresent()) {
      if (create.ifNotExists()) {
        return 0;
      }
      throw new ScryException(ErrorCode.ALREADY_EXISTS, "Table '" + name + "' already exists");
    }
    TableFormat format = create.format().orElse(TableFormat.PARQUET);
    if (location.isPresent() && !format.hasLog()) {
      throw new ScryException(
          ErrorCode.NOT_SUPPORTED,
          "LOCATION in CREATE TABLE … AS is for STORED AS DELTA tables; a "
              + format
              + " table is written under the warehouse (leave LOCATION out)");
    }
    QueryPlan query = plan(sql, create.query(), session);
    List<ColumnDefinition> columns = columnsOf(query);
    List<String> partitions = partitionColumns(create.partitionColumnNames(), columns);
    if (format.hasLog()) {
      String at = location.orElseGet(() -> catalog.managedLocation(name.schema(), name.table()));
      return createLogTable(
          create,
          new TableDefinition(
              name.schema(),
              name.table(),
              format,
              at,
              create.optionMap(),
              columns,
              partitions,
              location.isPresent()),
          query);
    }
    TableDefinition table =
        new TableDefinition(
            name.schema(),
            name.table(),
            format,
            catalog.managedLocation(name.schema(), name.table()),
            create.optionMap(),
            columns,
            partitions,
            false);
    String folder = newFolderName();
    long rows = write(query, table, folder);
    try {
      if (!catalog.createTable(table.withDataFolder(folder), create.ifNotExists())) {
        discard(table, folder);
      }
    } catch (RuntimeException e) {
      discard(table, folder);
      throw e;
    }
    return rows;
  }

  /**
   * A Delta CTAS: the engine commits the table's first version (schema, partitions, files) to its
   * log, then the catalog names it. Should the catalog refuse, the log just made is deleted, so its
   * files belong to no table (the folder may hold another table's data folders: nothing else goes).
   */
  private long createLogTable(ScryCreateTableAs create, TableDefinition table, QueryPlan query) {
    long rows = logTables.create(query, table);
    try {
      if (!catalog.createTable(table, create.ifNotExists())) {
        discard(table, LOG_FOLDER);
      }
    } catch (RuntimeException e) {
      discard(table, LOG_FOLDER);
      throw e;
    }
    return rows;
  }

  /**
   * Appends an INSERT's rows: to a Delta table as one commit to its log, to any other table as a new
   * data folder. The update count is the number of rows written.
   */
  public long insert(InsertPlan insert) {
    TableDefinition table = insert.table();
    if (table.format().hasLog()) {
      return logTables.append(insert.rows(), table);
    }
    String folder = newFolderName();
    long rows = write(insert.rows(), table, folder);
    try {
      catalog.addDataFolder(table.schema(), table.name(), table.location(), folder);
    } catch (RuntimeException e) {
      discard(table, folder);
      throw e;
    }
    return rows;
  }

  /**
   * INSERT OVERWRITE: writes the rows as a new data folder, then one catalog update makes it replace
   * the table's data folders (no PARTITION clause) or the one partition named. The superseded folders
   * are deleted after that update, best effort; from that update on, no new query reads them.
   */
  public long overwrite(InsertPlan insert) {
    TableDefinition table = insert.table();
    if (table.format().hasLog()) {
      throw new ScryException(
          ErrorCode.NOT_SUPPORTED,
          "INSERT OVERWRITE of "
              + table.format()
              + " table "
              + table.qualifiedName()
              + " is not supported yet; INSERT INTO appends to it");
    }
    String folder = newFolderName();
    long rows = write(insert.rows(), table, folder);
    List<String> superseded = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    try {
      catalog.replaceDataFolders(
          table.schema(),
          table.name(),
          table.location(),
          current -> {
            superseded.clear();
            kept.clear();
            if (insert.partitionValues().isEmpty()) {
              superseded.addAll(current);
            } else {
              PartitionReplacement.Result result =
                  partitions.replace(table, current, insert.partitionValues());
              kept.addAll(result.kept());
              superseded.addAll(result.replaced());
            }
            kept.add(folder);
            return List.copyOf(kept);
          });
    } catch (RuntimeException e) {
      discard(table, folder);
      throw e;
    }
    discardSuperseded(table, superseded, kept);
    return rows;
  }

  /** Deletes a data folder whole once no entry uses it, else only the superseded partition folders. */
  private void discardSuperseded(
      TableDefinition table, List<String> superseded, List<String> kept) {
    Set<String> keptFolders = new HashSet<>();
    kept.forEach(entry -> keptFolders.add(dataFolderOf(entry)));
    Set<String> deleted = new HashSet<>();
    for (String entry : superseded) {
      String dataFolder = dataFolderOf(entry);
      if (!keptFolders.contains(dataFolder)) {
        if (deleted.add(dataFolder)) {
          discard(table, dataFolder);
        }
      } else {
        discard(table, entry);
      }
    }
  }

  private static String dataFolderOf(String entry) {
    int slash = entry.indexOf('/');
    return slash < 0 ? entry : entry.substring(0, slash);
  }

  /** Plans the query of a write; parameters are refused, since a write runs once as planned. */
  static QueryPlan planQuery(ScryPlanner planner, String sql, SqlNode query, SessionState session) {
    QueryPlan plan = planner.queryPlanner(session).plan(sql, query);
    if (plan.parameterRowType().getFieldCount() > 0) {
      throw new ScryException(
          ErrorCode.NOT_SUPPORTED,
          "Parameters (?) are not supported in CREATE TABLE … AS or INSERT");
    }
    return plan;
  }

  private QueryPlan plan(String sql, SqlNode query, SessionState session) {
    return planQuery(planner, sql, query, session);
  }

  private long write(QueryPlan query, TableDefinition table, String folder) {
    try {
      return writer.write(query, List.of(), table, Locations.child(table.location(), folder));
    } catch (RuntimeException e) {
      discard(table, folder);
      throw e;
    }
  }

  /** Best effort: the folder is invisible to readers either way, since the catalog does not list it. */
  private void discard(TableDefinition table, String folder) {
    try {
      files.deleteRecursively(Locations.child(table.location(), folder));
    } catch (IOException | RuntimeException ignored) {
      // Left behind under the table's location; DROP TABLE removes it with the rest.
    }
  }

  private static List<ColumnDefinition> columnsOf(QueryPlan query) {
    List<ColumnDefinition> columns = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (RelDataTypeField field : query.rowType().getFieldList()) {
      if (!seen.add(field.getName().toLowerCase(Locale.ROOT))) {
        throw new ScryException(
            "The query gives two columns named '"
                + field.getName()
                + "': name them apart with AS to create a table");
      }
      columns.add(
          new ColumnDefinition(
              field.getName(),
              ColumnTypes.fromRelDataType(field.getType()),
              field.getType().isNullable()));
    }
    return columns;
  }

  /** The partition columns as the query spells them; each must be a column, and not all columns may be. */
  private static List<String> partitionColumns(List<String> named, List<ColumnDefinition> columns) {
    List<String> resolved = new ArrayList<>();
    for (String partition : named) {
      resolved.add(
          columns.stream()
              .map(ColumnDefinition::name)
              .filter(c -> c.equalsIgnoreCase(partition))
              .findFirst()
              .orElseThrow(
                  () ->
                      new ScryException(
                          "PARTITIONED BY names '"
                              + partition
                              + "', which is not a column of the query")));
    }
    if (!resolved.isEmpty() && resolved.size() == columns.size()) {
      throw new ScryException(
          "PARTITIONED BY cannot name every column: the files would hold no data");
    }
    return resolved;
  }

  private static String newFolderName() {
    return DATA_FOLDER_PREFIX + UUID.randomUUID();
  }
}
