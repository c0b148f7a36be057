package dev.scry.engine;

import java.util.Optional;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A row of Spark's compact format ({@link UnsafeRow}) read straight into the Java values a result row
 * carries, for results whose columns are all of the plain types (booleans, integers, floating point
 * numbers, strings): the values Spark's deserializer would put in a {@code Row} and {@link JavaValues}
 * would pass on unchanged, in one step instead of a {@code Row} built and then copied. The largest
 * share of the gateway's work per fetched row was that double step (docs/benchmarks.md, "P3").
 */
final class PlainValues {
  private static final int BOOLEAN = 0;
  private static final int BYTE = 1;
  private static final int SHORT = 2;
  private static final int INT = 3;
  private static final int LONG = 4;
  private static final int FLOAT = 5;
  private static final int DOUBLE = 6;
  private static final int STRING = 7;

  private final int[] kinds;

  private PlainValues(int[] kinds) {
    this.kinds = kinds;
  }

  /** The reader for {@code schema}, or none when a column has a type that needs converting. */
  static Optional<PlainValues> of(StructType schema) {
    StructField[] fields = schema.fields();
    int[] kinds = new int[fields.length];
    for (int i = 0; i < fields.length; i++) {
      int kind = kind(fields[i].dataType());
      if (kind < 0) {
        return Optional.empty();
      }
      kinds[i] = kind;
    }
    return Optional.of(new PlainValues(kinds));
  }

  private static int kind(DataType type) {
    if (DataTypes.BooleanType.equals(type)) {
      return BOOLEAN;
    } else if (DataTypes.ByteType.equals(type)) {
      return BYTE;
    } else if (DataTypes.ShortType.equals(type)) {
      return SHORT;
    } else if (DataTypes.IntegerType.equals(type)) {
      return INT;
    } else if (DataTypes.LongType.equals(type)) {
      return LONG;
    } else if (DataTypes.FloatType.equals(type)) {
      return FLOAT;
    } else if (DataTypes.DoubleType.equals(type)) {
      return DOUBLE;
    } else if (DataTypes.StringType.equals(type)) {
      return STRING;
    }
    return -1;
  }

  /** The values of {@code row}, which has this reader's schema; SQL NULL as null. */
  Object[] read(UnsafeRow row) {
    Object[] values = new Object[kinds.length];
    for (int i = 0; i < kinds.length; i++) {
      if (row.isNullAt(i)) {
        continue;
      }
      values[i] =
          switch (kinds[i]) {
            case BOOLEAN -> row.getBoolean(i);
            case BYTE -> row.getByte(i);
            case SHORT -> row.getShort(i);
            case INT -> row.getInt(i);
            case LONG -> row.getLong(i);
            case FLOAT -> row.getFloat(i);
            case DOUBLE -> row.getDouble(i);
            default -> row.getUTF8String(i).toString();
          };
    }
    return values;
  }
}
