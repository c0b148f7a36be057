package dev.scry.engine.predict;

import dev.scry.planner.model.ElementType;
import dev.scry.planner.predict.OutputColumn;
import dev.scry.planner.predict.PredictSpec;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The Spark types of PREDICT's output columns, matching the SQL types the planner gives them
 * ({@code OutputSqlTypes}): float → FloatType (REAL), int64 → LongType (BIGINT), an Array extract → ArrayType.
 */
public final class SparkOutputTypes {
  private SparkOutputTypes() {}

  public static DataType elementType(ElementType type) {
    return switch (type) {
      case FLOAT, FLOAT16, BFLOAT16 -> DataTypes.FloatType;
      case DOUBLE -> DataTypes.DoubleType;
      case INT64, UINT32 -> DataTypes.LongType;
      case INT32, UINT16 -> DataTypes.IntegerType;
      case INT16, UINT8 -> DataTypes.ShortType;
      case INT8 -> DataTypes.ByteType;
      case STRING -> DataTypes.StringType;
      case BOOL -> DataTypes.BooleanType;
      case UINT64 -> throw new IllegalArgumentException("uint64 outputs have no Spark type");
    };
  }

  public static DataType columnType(OutputColumn column) {
    DataType element = elementType(column.elementType());
    return column.extract() instanceof OutputColumn.Array
        ? DataTypes.createArrayType(element, true)
        : element;
  }

  /** The data's carried fields, then one nullable field per output column. */
  public static StructType outputSchema(StructType data, PredictSpec spec) {
    StructType schema = new StructType();
    for (int field : spec.carriedFields()) {
      schema = schema.add(data.fields()[field]);
    }
    for (OutputColumn column : spec.outputs()) {
      schema = schema.add(column.columnName(), columnType(column), true);
    }
    return schema;
  }
}
