package dev.scry.engine.storage;

import dev.scry.engine.QueryRunner;
import dev.scry.engine.SparkTypes;
import dev.scry.planner.QueryPlan;
import dev.scry.planner.catalog.ColumnDefinition;
import dev.scry.planner.catalog.TableDefinition;
import dev.scry.planner.spi.TableWriter;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/** Writes a query's rows with Spark's file sources into one new folder of a managed table. */
public final class SparkTableWriter implements TableWriter {
  private final SparkSession spark;
  private final QueryRunner runner;

  public SparkTableWriter(SparkSession spark, QueryRunner runner) {
    this.spark = Objects.requireNonNull(spark, "spark");
    this.runner = Objects.requireNonNull(runner, "runner");
  }

  @Override
  public long write(
      QueryPlan query, List<Object> parameters, TableDefinition table, String folderUri) {
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
            .map(c -> rows.col(quoted(c.name())).cast(SparkTypes.toSpark(c.type())).as(c.name()))
            .toArray(Column[]::new);
    rows.select(typed)
        .write()
        .format(table.format().sparkSource())
        .options(table.options())
        .partitionBy(table.partitionColumns().toArray(String[]::new))
        .mode(SaveMode.ErrorIfExists)
        .save(folderUri);
    // Parquet answers a count from file footers; the other formats scan what was just written.
    return spark
        .read()
        .format(table.format().sparkSource())
        .options(table.options())
        .schema(SparkTypes.toSchema(columns))
        .load(folderUri)
        .count();
  }

  private static String quoted(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}
