package dev.scry.engine.storage;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.raise_error;
import static org.apache.spark.sql.functions.when;

import dev.scry.engine.QueryRunner;
import dev.scry.engine.SparkTypes;
import dev.scry.planner.QueryPlan;
import dev.scry.planner.catalog.ColumnDefinition;
import dev.scry.planner.catalog.TableDefinition;
import dev.scry.planner.spi.TableWriter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/** Writes a query's rows with Spark's file sources into one new folder of a managed table. */
public final class SparkTableWriter implements TableWriter {
  /** How the error raised for a NULL in a NOT NULL column starts. */
  public static final String NULL_IN_NOT_NULL_COLUMN = "NULL in the NOT NULL column";

  private final SparkSession spark;
  private final QueryRunner runner;

  public SparkTableWriter(SparkSession spark, QueryRunner runner) {
    this.spark = Objects.requireNonNull(spark, "spark");
    this.runner = Objects.requireNonNull(runner, "runner");
  }

  @Override
  public long write(
      QueryPlan query, List<Object> parameters, TableDefinition table, String folderUri) {
    writeFiles(query, parameters, table, table.format().sparkSource(), table.options(), folderUri);
    // Parquet answers a count from file footers; the other formats scan what was just written.
    return spark
        .read()
        .format(table.format().sparkSource())
        .options(table.options())
        .schema(SparkTypes.toSchema(table.columns()))
        .load(folderUri)
        .count();
  }

  /**
   * Writes the rows as Parquet files into {@code folderUri}, in Hive-style partition folders as the
   * table is partitioned: the data files of a Delta table, whose log the caller then commits. Counts
   * nothing: the files' footers say how many rows they hold.
   */
  public void writeParquet(QueryPlan query, TableDefinition table, String folderUri) {
    writeFiles(query, List.of(), table, "parquet", Map.of(), folderUri);
  }

  private void writeFiles(
      QueryPlan query,
      List<Object> parameters,
      TableDefinition table,
      String format,
      Map<String, String> options,
      String folderUri) {
    List<ColumnDefinition> columns = table.columns();
    // Rename by position first: the query's own names may repeat or differ from the table's.
    Dataset<Row> rows =
        runner
            .toDataset(query.rel(), parameters)
            .toDF(columns.stream().map(ColumnDefinition::name).toArray(String[]::new));
    // Casts follow Spark's session rules: under ANSI mode a value that does not fit fails the
    // write.
    Column[] typed =
        columns.stream()
            .map(
                c ->
                    notNull(table, c, rows.col(quoted(c.name())).cast(SparkTypes.toSpark(c.type())))
                        .as(c.name()))
            .toArray(Column[]::new);
    rows.select(typed)
        .write()
        .format(format)
        .options(options)
        .partitionBy(table.partitionColumns().toArray(String[]::new))
        .mode(SaveMode.ErrorIfExists)
        .save(folderUri);
  }

  /**
   * A NOT NULL column's value, failing the write on a NULL: Spark's file sources do not check
   * nullability, and the write then fails whole, as a failed cast does.
   */
  private static Column notNull(TableDefinition table, ColumnDefinition column, Column value) {
    if (column.nullable()) {
      return value;
    }
    return when(value.isNull(), raise_error(lit(nullMessage(table, column)))).otherwise(value);
  }

  /** The sentence of a NULL for a NOT NULL column; the gateway tells it apart by its start. */
  static String nullMessage(TableDefinition table, ColumnDefinition column) {
    return NULL_IN_NOT_NULL_COLUMN
        + " '"
        + column.name()
        + "' of "
        + table.qualifiedName()
        + ": the rows written hold a NULL for it";
  }

  private static String quoted(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}
