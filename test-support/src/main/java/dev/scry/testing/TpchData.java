package dev.scry.testing;

import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * TPC-H: its tables generated with the TPC-H data generator and written as Parquet, one folder per table,
 * and its 22 queries. Money and quantities are DECIMAL(15,2) as the TPC-H specification declares them (the
 * generator hands them out as doubles of two decimals), keys BIGINT, dates DATE.
 */
public final class TpchData {
  private TpchData() {}

  /** Generates every table at {@code scaleFactor} under {@code folder}; returns the table names. */
  public static List<String> write(SparkSession spark, double scaleFactor, Path folder) {
    List<String> names = new ArrayList<>();
    for (TpchTable<?> table : TpchTable.getTables()) {
      write(spark, table, scaleFactor, folder.resolve(table.getTableName()));
      names.add(table.getTableName());
    }
    return names;
  }

  /** The folder that holds {@code table}'s Parquet files. */
  public static Path location(Path folder, String table) {
    return folder.resolve(table);
  }

  /** The text of TPC-H query {@code number} (1 to 22), for Spark SQL and Scry alike. */
  public static String query(int number) {
    String name = String.format(Locale.ROOT, "/tpch/q%02d.sql", number);
    try (InputStream in = TpchData.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("No TPC-H query " + number + " (" + name + ")");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static <E extends TpchEntity> void write(
      SparkSession spark, TpchTable<E> table, double scaleFactor, Path target) {
    List<TpchColumn<E>> columns = table.getColumns();
    List<StructField> fields = new ArrayList<>();
    for (TpchColumn<E> column : columns) {
      fields.add(DataTypes.createStructField(column.getColumnName(), sparkType(column), false));
    }
    List<Row> rows = new ArrayList<>();
    for (E entity : table.createGenerator(scaleFactor, 1, 1)) {
      Object[] values = new Object[columns.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = value(columns.get(i), entity);
      }
      rows.add(RowFactory.create(values));
    }
    spark
        .createDataFrame(rows, new StructType(fields.toArray(StructField[]::new)))
        .coalesce(1)
        .write()
        .mode(SaveMode.ErrorIfExists)
        .parquet(target.toUri().toString());
  }

  private static DataType sparkType(TpchColumn<?> column) {
    switch (column.getType().getBase()) {
      case IDENTIFIER:
        return DataTypes.LongType;
      case INTEGER:
        return DataTypes.IntegerType;
      case DATE:
        return DataTypes.DateType;
      case DOUBLE:
        return DataTypes.createDecimalType(15, 2);
      case VARCHAR:
        return DataTypes.StringType;
      default:
        throw new IllegalArgumentException("Unknown TPC-H column type " + column.getType());
    }
  }

  private static <E extends TpchEntity> Object value(TpchColumn<E> column, E entity) {
    Objects.requireNonNull(entity, "entity");
    switch (column.getType().getBase()) {
      case IDENTIFIER:
        return column.getIdentifier(entity);
      case INTEGER:
        return column.getInteger(entity);
      case DATE:
        return Date.valueOf(LocalDate.ofEpochDay(column.getDate(entity)));
      case DOUBLE:
        return BigDecimal.valueOf(column.getDouble(entity)).setScale(2, RoundingMode.HALF_UP);
      case VARCHAR:
        return column.getString(entity);
      default:
        throw new IllegalArgumentException("Unknown TPC-H column type " + column.getType());
    }
  }
}
