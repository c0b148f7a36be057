package dev.scry.engine;

import dev.scry.engine.translate.UnsupportedSqlException;
import dev.scry.planner.catalog.ColumnDefinition;
import dev.scry.planner.catalog.ColumnType;
import dev.scry.planner.catalog.ColumnTypes;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Converts SQL types between Calcite ({@link RelDataType}), the catalog ({@link ColumnType}) and Spark. */
public final class SparkTypes {
  /** Resolves defaults (e.g. DECIMAL without precision) the way the planner's Calcite does. */
  private static final RelDataTypeFactory DEFAULT_FACTORY = new JavaTypeFactoryImpl();

  private SparkTypes() {}

  /** The Spark type that holds values of a Calcite type. */
  public static DataType toSpark(RelDataType type) {
    if (type.getComponentType() != null) {
      // Elements always nullable: Spark cannot cast an array that may hold NULLs to one that may
      // not.
      return DataTypes.createArrayType(toSpark(type.getComponentType()), true);
    }
    switch (type.getSqlTypeName()) {
      case BOOLEAN:
        return DataTypes.BooleanType;
      case TINYINT:
        return DataTypes.ByteType;
      case SMALLINT:
        return DataTypes.ShortType;
      case INTEGER:
        return DataTypes.IntegerType;
      case BIGINT:
        return DataTypes.LongType;
      case DECIMAL:
        return decimal(type.getPrecision(), type.getScale());
      case REAL:
        return DataTypes.FloatType;
      case FLOAT:
      case DOUBLE:
        return DataTypes.DoubleType;
      case CHAR:
      case VARCHAR:
        return DataTypes.StringType;
      case BINARY:
      case VARBINARY:
        return DataTypes.BinaryType;
      case DATE:
        return DataTypes.DateType;
      case TIMESTAMP:
        return DataTypes.TimestampType;
      case NULL:
        return DataTypes.NullType;
      default:
        throw new UnsupportedSqlException(
            "SQL type " + type.getFullTypeString() + " has no Spark equivalent");
    }
  }

  /** The Spark type of a catalog column type. */
  public static DataType toSpark(ColumnType type) {
    return toSpark(ColumnTypes.toRelDataType(type, true, DEFAULT_FACTORY));
  }

  /** The Spark schema of a table's columns, in order. */
  public static StructType toSchema(List<ColumnDefinition> columns) {
    List<StructField> fields = new ArrayList<>();
    for (ColumnDefinition column : columns) {
      fields.add(
          DataTypes.createStructField(column.name(), toSpark(column.type()), column.nullable()));
    }
    return DataTypes.createStructType(fields);
  }

  /** The Spark schema of a Calcite row type, with Calcite's field names. */
  public static StructType toSchema(RelDataType rowType) {
    List<StructField> fields = new ArrayList<>();
    for (RelDataTypeField field : rowType.getFieldList()) {
      fields.add(
          DataTypes.createStructField(
              field.getName(), toSpark(field.getType()), field.getType().isNullable()));
    }
    return DataTypes.createStructType(fields);
  }

  /** The catalog column for a Spark field, e.g. of a schema Spark inferred from files. */
  public static ColumnDefinition toColumn(StructField field) {
    ColumnType type;
    try {
      type = toColumnType(field.dataType());
    } catch (UnsupportedSqlException e) {
      throw new UnsupportedSqlException("Column " + field.name() + ": " + e.getMessage());
    }
    return new ColumnDefinition(field.name(), type, field.nullable());
  }

  /** The catalog type for a Spark type. */
  public static ColumnType toColumnType(DataType type) {
    if (type instanceof ArrayType array) {
      return ColumnType.arrayOf(toColumnType(array.elementType()));
    }
    if (type instanceof DecimalType decimal) {
      return new ColumnType("DECIMAL", decimal.precision(), decimal.scale(), null);
    }
    if (type.equals(DataTypes.BooleanType)) return ColumnType.of("BOOLEAN");
    if (type.equals(DataTypes.ByteType)) return ColumnType.of("TINYINT");
    if (type.equals(DataTypes.ShortType)) return ColumnType.of("SMALLINT");
    if (type.equals(DataTypes.IntegerType)) return ColumnType.of("INTEGER");
    if (type.equals(DataTypes.LongType)) return ColumnType.of("BIGINT");
    if (type.equals(DataTypes.FloatType)) return ColumnType.of("REAL");
    if (type.equals(DataTypes.DoubleType)) return ColumnType.of("DOUBLE");
    if (type instanceof StringType
        || type.typeName().startsWith("varchar")
        || type.typeName().startsWith("char")) {
      return ColumnType.of("VARCHAR");
    }
    if (type.equals(DataTypes.BinaryType)) return ColumnType.of("VARBINARY");
    if (type.equals(DataTypes.DateType)) return ColumnType.of("DATE");
    if (type.equals(DataTypes.TimestampType) || type.equals(DataTypes.TimestampNTZType)) {
      return ColumnType.of("TIMESTAMP");
    }
    throw new UnsupportedSqlException(
        "Spark type " + type.simpleString() + " has no SQL column type here");
  }

  private static DecimalType decimal(int precision, int scale) {
    if (precision > DecimalType.MAX_PRECISION()) {
      throw new UnsupportedSqlException(
          "DECIMAL("
              + precision
              + ", "
              + scale
              + ") exceeds Spark's maximum precision "
              + DecimalType.MAX_PRECISION());
    }
    return DataTypes.createDecimalType(precision, Math.max(scale, 0));
  }
}
