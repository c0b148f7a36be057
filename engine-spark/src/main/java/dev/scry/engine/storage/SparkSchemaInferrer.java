package dev.scry.engine.storage;

import dev.scry.engine.SparkTypes;
import dev.scry.engine.delta.DeltaLogReader;
import dev.scry.engine.delta.DeltaReadCheck;
import dev.scry.engine.delta.DeltaSnapshot;
import dev.scry.planner.catalog.ColumnDefinition;
import dev.scry.planner.catalog.TableDefinition;
import dev.scry.planner.catalog.TableFormat;
import dev.scry.planner.spi.SchemaInferrer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Learns a table's columns by letting Spark read its files: Parquet and JSON from their own schema,
 * CSV by inferring types from the values (unless the table's options set {@code inferSchema}) with the
 * header as the table's options say. Column names are kept as the files spell them. A Delta table's
 * columns and partition columns are its log's.
 */
public final class SparkSchemaInferrer implements SchemaInferrer {
  private final SparkSession spark;
  private final DeltaLogReader deltaLog;

  public SparkSchemaInferrer(SparkSession spark, DeltaLogReader deltaLog) {
    this.spark = Objects.requireNonNull(spark, "spark");
    this.deltaLog = Objects.requireNonNull(deltaLog, "deltaLog");
  }

  public SparkSchemaInferrer(SparkSession spark) {
    this(spark, new DeltaLogReader(spark.sparkContext().hadoopConfiguration()));
  }

  /** A Delta table's partition columns are the log's; other formats' are as declared. */
  @Override
  public List<String> partitionColumns(TableDefinition table) {
    if (table.format().hasLog()) {
      return deltaLog.latest(table.location()).partitionColumns();
    }
    return table.partitionColumns();
  }

  @Override
  public List<ColumnDefinition> inferColumns(TableDefinition table) {
    if (table.format().hasLog()) {
      // The log's schema, never the files': a Delta folder holds superseded files too.
      DeltaSnapshot snapshot = deltaLog.latest(table.location());
      DeltaReadCheck.checkColumns(table.qualifiedName(), snapshot);
      return Arrays.stream(snapshot.schema().fields()).map(SparkSchemaInferrer::column).toList();
    }
    Map<String, String> options = new HashMap<>(table.options());
    if (table.format() == TableFormat.CSV
        && options.keySet().stream().noneMatch("inferSchema"::equalsIgnoreCase)) {
      options.put("inferSchema", "true");
    }
    StructType schema;
    try {
      schema =
          spark
              .read()
              .format(table.format().sparkSource())
              .options(options)
              .load(table.location())
              .schema();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "Cannot read the schema of table "
              + table.qualifiedName()
              + " from "
              + table.location()
              + ": "
              + e.getMessage(),
          e);
    }
    return Arrays.stream(schema.fields()).map(SparkSchemaInferrer::column).toList();
  }

  private static ColumnDefinition column(StructField field) {
    return SparkTypes.toColumn(field);
  }
}
