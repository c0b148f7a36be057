package dev.scry.engine.storage;

import dev.scry.engine.SparkTypes;
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
 * header as the table's options say. Column names are kept as the files spell them.
 */
public final class SparkSchemaInferrer implements SchemaInferrer {
  private final SparkSession spark;

  public SparkSchemaInferrer(SparkSession spark) {
    this.spark = Objects.requireNonNull(spark, "spark");
  }

  @Override
  public List<ColumnDefinition> inferColumns(TableDefinition table) {
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
