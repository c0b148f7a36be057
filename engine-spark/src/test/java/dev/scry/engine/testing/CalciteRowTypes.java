package dev.scry.engine.testing;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The Calcite row type of a Spark schema, for the few types the tests' data sets use. */
public final class CalciteRowTypes {
  private CalciteRowTypes() {}

  public static RelDataType of(StructType schema, RelDataTypeFactory types) {
    RelDataTypeFactory.Builder builder = types.builder();
    for (StructField field : schema.fields()) {
      builder.add(
          field.name(),
          types.createTypeWithNullability(typeOf(field.dataType(), types), field.nullable()));
    }
    return builder.build();
  }

  private static RelDataType typeOf(DataType type, RelDataTypeFactory types) {
    if (type instanceof ArrayType array) {
      return types.createArrayType(typeOf(array.elementType(), types), -1);
    }
    SqlTypeName name;
    if (type.equals(DataTypes.IntegerType)) {
      name = SqlTypeName.INTEGER;
    } else if (type.equals(DataTypes.LongType)) {
      name = SqlTypeName.BIGINT;
    } else if (type.equals(DataTypes.DoubleType)) {
      name = SqlTypeName.DOUBLE;
    } else if (type.equals(DataTypes.FloatType)) {
      name = SqlTypeName.REAL;
    } else if (type.equals(DataTypes.StringType)) {
      name = SqlTypeName.VARCHAR;
    } else if (type.equals(DataTypes.BooleanType)) {
      name = SqlTypeName.BOOLEAN;
    } else {
      throw new IllegalArgumentException(
          "No Calcite type for Spark type " + type + " in the tests");
    }
    return types.createSqlType(name);
  }
}
