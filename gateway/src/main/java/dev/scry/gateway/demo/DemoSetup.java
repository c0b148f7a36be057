package dev.scry.gateway.demo;

import dev.scry.planner.catalog.Catalog;
import dev.scry.planner.catalog.ColumnDefinition;
import dev.scry.planner.catalog.ColumnType;
import dev.scry.planner.catalog.Locations;
import dev.scry.planner.catalog.ModelRegistry;
import dev.scry.planner.catalog.TableDefinition;
import dev.scry.planner.catalog.TableFormat;
import dev.scry.planner.spi.FileStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the demo on first start with embedded defaults: schema {@code demo} with a generated table
 * {@code demo.customers} (Parquet in the warehouse) and the model {@code churn}, generated in Java, so
 * that a newcomer can score at once. Nothing is downloaded.
 */
public final class DemoSetup {
  public static final String SCHEMA = "demo";
  public static final String TABLE = "customers";
  public static final String MODEL = "churn";
  static final int CUSTOMERS = 10_000;
  private static final Logger LOG = LoggerFactory.getLogger(DemoSetup.class);

  private final SparkSession spark;
  private final Catalog catalog;
  private final ModelRegistry models;
  private final FileStore files;
  private final String warehouse;

  public DemoSetup(
      SparkSession spark,
      Catalog catalog,
      ModelRegistry models,
      FileStore files,
      String warehouse) {
    this.spark = Objects.requireNonNull(spark, "spark");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.models = Objects.requireNonNull(models, "models");
    this.files = Objects.requireNonNull(files, "files");
    this.warehouse = Objects.requireNonNull(warehouse, "warehouse");
  }

  /** Installs what is missing of the demo; a demo already there is left as it is. */
  public void ensureInstalled() {
    if (catalog.snapshot().model(MODEL).isEmpty()) {
      String modelUri = Locations.child(warehouse, "_scry/demo/churn.onnx");
      try {
        files.write(modelUri, DemoModel.bytes());
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write the demo model to " + modelUri, e);
      }
      models.register(
          MODEL, modelUri, 0, "Demo churn model (logistic regression, generated)", false, true);
      LOG.info("Demo model '{}' registered", MODEL);
    }
    Optional<TableDefinition> table = catalog.snapshot().table(SCHEMA, TABLE);
    String location = Locations.child(warehouse, SCHEMA + "/" + TABLE);
    if (table.isEmpty()) {
      catalog.createSchema(SCHEMA, true);
      writeRows(location);
      catalog.createTable(
          new TableDefinition(
              SCHEMA,
              TABLE,
              TableFormat.PARQUET,
              location,
              Map.of(),
              columns(),
              List.of(),
              false,
              List.of(DATA_FOLDER)),
          true);
      LOG.info("Demo table {}.{} written with {} rows", SCHEMA, TABLE, CUSTOMERS);
    } else if (writtenAtItsRoot(table.get(), location)) {
      // Scry before data folders wrote the demo rows at the table's root, which reads as no rows
      // now.
      writeRows(location);
      catalog.addDataFolder(SCHEMA, TABLE, location, DATA_FOLDER);
      LOG.info(
          "Demo table {}.{} rewritten into its data folder (an earlier Scry wrote it at its root)",
          SCHEMA,
          TABLE);
    }
  }

  private static boolean writtenAtItsRoot(TableDefinition table, String location) {
    return !table.external() && table.dataFolders().isEmpty() && table.location().equals(location);
  }

  /** Writes the demo rows into the table's one data folder, as a write would leave them. */
  private void writeRows(String location) {
    List<Row> rows =
        DemoData.customers(CUSTOMERS).stream().map(c -> RowFactory.create(c.values())).toList();
    spark
        .createDataFrame(rows, schema())
        .coalesce(1)
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(Locations.child(location, DATA_FOLDER));
  }

  /** The one data folder the demo table is written into. */
  private static final String DATA_FOLDER = "data-demo";

  private static StructType schema() {
    return new StructType()
        .add(DemoData.COLUMNS.get(0), DataTypes.LongType, false)
        .add(DemoData.COLUMNS.get(1), DataTypes.DoubleType, false)
        .add(DemoData.COLUMNS.get(2), DataTypes.DoubleType, false)
        .add(DemoData.COLUMNS.get(3), DataTypes.DoubleType, false)
        .add(DemoData.COLUMNS.get(4), DataTypes.StringType, false);
  }

  private static List<ColumnDefinition> columns() {
    return List.of(
        new ColumnDefinition(DemoData.COLUMNS.get(0), ColumnType.of("BIGINT"), true),
        new ColumnDefinition(DemoData.COLUMNS.get(1), ColumnType.of("DOUBLE"), true),
        new ColumnDefinition(DemoData.COLUMNS.get(2), ColumnType.of("DOUBLE"), true),
        new ColumnDefinition(DemoData.COLUMNS.get(3), ColumnType.of("DOUBLE"), true),
        new ColumnDefinition(DemoData.COLUMNS.get(4), ColumnType.of("VARCHAR"), true));
  }
}
