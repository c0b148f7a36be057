package dev.scry.engine.translate;

import static org.apache.spark.sql.functions.lit;

import dev.scry.engine.SparkTypes;
import dev.scry.planner.catalog.ColumnDefinition;
import dev.scry.planner.catalog.TableDefinition;
import dev.scry.planner.scan.LakeScanSpec;
import dev.scry.planner.scan.ScanRoot;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Reads a table's PARQUET, CSV or JSON files with Spark's file sources, as the planner's scan spec says.
 * The schema comes from the catalog's columns, so Spark never re-infers it (which would cost a pass over
 * the data and could disagree with the types the query was planned with). Only the spec's folders are
 * handed to Spark: for a partitioned table, the kept partition folders with the table's root as
 * {@code basePath}, so Spark lists nothing else and still takes the partition values from the names.
 */
public final class FileScanReader implements ScanReader {
  private final SparkSession spark;

  public FileScanReader(SparkSession spark) {
    this.spark = Objects.requireNonNull(spark, "spark");
  }

  /**
   * Each root (a managed table's data folder) is read on its own and the results unioned: Spark refuses
   * several roots in one load when they hold partition folders.
   */
  @Override
  public Dataset<Row> read(LakeScanSpec scan) {
    return read(scan, scan.table().columns().stream().map(ColumnDefinition::name).toArray(String[]::new));
  }

  /** Names the columns in the select that puts them in catalog order: no extra Dataset for a rename. */
  @Override
  public Dataset<Row> read(LakeScanSpec scan, String[] names) {
    TableDefinition table = scan.table();
    if (names.length != table.columns().size()) {
      throw new IllegalArgumentException("Table " + table.qualifiedName() + " has " + table.columns().size()
          + " columns; " + names.length + " names given");
    }
    StructType schema = SparkTypes.toSchema(table.columns());
    Dataset<Row> all = null;
    for (ScanRoot root : scan.roots()) {
      if (root.folders().isEmpty()) {
        continue;
      }
      Dataset<Row> folder = inCatalogOrder(load(table, schema, root), scan, names);
      all = all == null ? folder : all.union(folder);
    }
    if (all == null) {
      // Every partition pruned: no rows, and Spark lists nothing.
      all = inCatalogOrder(spark.createDataFrame(List.<Row>of(), schema), scan, names);
    }
    return all;
  }

  private Dataset<Row> load(TableDefinition table, StructType schema, ScanRoot root) {
    DataFrameReader reader = spark.read()
        .format(table.format().sparkSource())
        .options(table.options())
        .schema(schema);
    if (root.isWhole()) {
      return reader.load(root.basePath());
    }
    return reader.option("basePath", root.basePath()).load(root.folders().toArray(String[]::new));
  }

  /**
   * The table's columns in catalog order (Spark moves partition columns to the end), named {@code names}:
   * those the scan reads from the files, NULL of the column's type for the others, which nothing above
   * uses.
   */
  private static Dataset<Row> inCatalogOrder(Dataset<Row> files, LakeScanSpec scan, String[] names) {
    List<ColumnDefinition> columns = scan.table().columns();
    Column[] selected = new Column[columns.size()];
    for (int i = 0; i < selected.length; i++) {
      ColumnDefinition column = columns.get(i);
      selected[i] = (scan.columns().contains(i)
          ? files.col(quoted(column.name()))
          : lit(null).cast(SparkTypes.toSpark(column.type()))).as(names[i]);
    }
    return files.select(selected);
  }

  /** Spark column reference for a name that may contain dots or other special characters. */
  private static String quoted(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}
