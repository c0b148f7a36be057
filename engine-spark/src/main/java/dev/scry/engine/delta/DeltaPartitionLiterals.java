package dev.scry.engine.delta;

import dev.scry.planner.ErrorCode;
import dev.scry.planner.ScryException;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Partition values as Spark names its folders, turned into the typed literals Delta Kernel records in
 * the log. Only types whose folder text is the value as written are taken: a TIMESTAMP folder is
 * written in the session's time zone and BINARY is not a folder name, so such partition columns are
 * refused before anything is written.
 */
final class DeltaPartitionLiterals {
  private DeltaPartitionLiterals() {}

  /** Refuses a partition column whose values this writer cannot record. */
  static void checkTypes(String tableName, StructType schema, List<String> partitionColumns) {
    for (String column : partitionColumns) {
      DataType type = typeOf(schema, column);
      if (!isSupported(type)) {
        throw new ScryException(
            ErrorCode.NOT_SUPPORTED,
            "Delta table "
                + tableName
                + " is partitioned by "
                + column
                + " of type "
                + type
                + ", which Scry cannot write yet; partition by a string, number, boolean or date"
                + " column");
      }
    }
  }

  /** The literal of each partition column, by the log's column name. */
  static Map<String, Literal> of(
      StructType schema, List<String> partitionColumns, Map<String, String> folderValues) {
    Map<String, Literal> literals = new HashMap<>();
    for (String column : partitionColumns) {
      String value = valueOf(folderValues, column);
      literals.put(column, literal(typeOf(schema, column), value));
    }
    return literals;
  }

  private static boolean isSupported(DataType type) {
    return type instanceof StringType
        || type instanceof BooleanType
        || type instanceof ByteType
        || type instanceof ShortType
        || type instanceof IntegerType
        || type instanceof LongType
        || type instanceof FloatType
        || type instanceof DoubleType
        || type instanceof DecimalType
        || type instanceof DateType;
  }

  private static Literal literal(DataType type, String value) {
    if (value == null) {
      return Literal.ofNull(type);
    }
    if (type instanceof StringType) {
      return Literal.ofString(value);
    } else if (type instanceof BooleanType) {
      return Literal.ofBoolean(Boolean.parseBoolean(value));
    } else if (type instanceof ByteType) {
      return Literal.ofByte(Byte.parseByte(value));
    } else if (type instanceof ShortType) {
      return Literal.ofShort(Short.parseShort(value));
    } else if (type instanceof IntegerType) {
      return Literal.ofInt(Integer.parseInt(value));
    } else if (type instanceof LongType) {
      return Literal.ofLong(Long.parseLong(value));
    } else if (type instanceof FloatType) {
      return Literal.ofFloat(Float.parseFloat(value));
    } else if (type instanceof DoubleType) {
      return Literal.ofDouble(Double.parseDouble(value));
    } else if (type instanceof DecimalType decimal) {
      return Literal.ofDecimal(
          new BigDecimal(value).setScale(decimal.getScale()),
          decimal.getPrecision(),
          decimal.getScale());
    } else if (type instanceof DateType) {
      return Literal.ofDate((int) LocalDate.parse(value).toEpochDay());
    }
    throw new IllegalArgumentException("No partition literal for type " + type);
  }

  private static DataType typeOf(StructType schema, String column) {
    return schema.fields().stream()
        .filter(field -> field.getName().equalsIgnoreCase(column))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("No column " + column + " in " + schema))
        .getDataType();
  }

  /** Spark names the folders with the catalog's spelling, the log may spell the column otherwise. */
  private static String valueOf(Map<String, String> folderValues, String column) {
    for (Map.Entry<String, String> entry : folderValues.entrySet()) {
      if (entry.getKey().equalsIgnoreCase(column)) {
        return entry.getValue();
      }
    }
    throw new IllegalStateException("No folder for partition column " + column);
  }
}
