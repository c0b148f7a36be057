package dev.scry.engine.translate;

import dev.scry.engine.SparkTypes;
import dev.scry.planner.catalog.TableDefinition;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads a table's PARQUET, CSV or JSON files from its location with Spark's file sources. The schema
 * comes from the catalog's columns, so Spark never re-infers it (which would cost a pass over the data
 * and could disagree with the types the query was planned with).
 */
public final class FileScanReader implements ScanReader {
  private final SparkSession spark;

  public FileScanReader(SparkSession spark) {
    this.spark = Objects.requireNonNull(spark, "spark");
  }

  /**
   * A managed table's data folders are read one by one and unioned: Spark discovers partition folders
   * under each root, and refuses several roots in one load when they hold partition folders.
   */
  @Override
  public Dataset<Row> read(TableDefinition table) {
    Dataset<Row> all = null;
    for (String location : table.readLocations()) {
      Dataset<Row> folder = read(table, location);
      all = all == null ? folder : all.union(folder);
    }
    return all;
  }

  private Dataset<Row> read(TableDefinition table, String location) {
    Dataset<Row> files = spark.read()
        .format(table.format().sparkSource())
        .options(table.options())
        .schema(SparkTypes.toSchema(table.columns()))
        .load(location);
    // Spark moves partition columns to the end; put every column back where the catalog has it.
    Column[] inCatalogOrder = table.columns().stream().map(c -> files.col(quoted(c.name()))).toArray(Column[]::new);
    return files.select(inCatalogOrder);
  }

  /** Spark column reference for a name that may contain dots or other special characters. */
  private static String quoted(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}
