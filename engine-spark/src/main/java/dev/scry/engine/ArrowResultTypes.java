package dev.scry.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.ArrowUtils;

/**
 * Makes a result's Spark types give, through Spark's own Arrow conversion, exactly the Arrow types a
 * client was announced. Two differ by design: SQL's TIMESTAMP (without time zone) is computed as
 * Spark's TIMESTAMP (an instant), which Spark writes with a zone, so it is cast to TIMESTAMP_NTZ (the
 * session zone's wall clock, as the row path gives it); and a DECIMAL is cast to the announced
 * precision and scale. Any other difference means the batches cannot be built in Spark for this
 * result: {@link #align} answers null and the caller takes the row path.
 */
final class ArrowResultTypes {
  private ArrowResultTypes() {}

  /** {@code result} with the casts it needs, or null when its Arrow schema cannot equal {@code target}. */
  static Dataset<Row> align(Dataset<Row> result, Schema target, String timeZone) {
    Objects.requireNonNull(target, "target");
    StructType schema = result.schema();
    List<Field> fields = target.getFields();
    if (schema.fields().length != fields.size()) {
      return null;
    }
    DataType[] wanted = new DataType[fields.size()];
    boolean casts = false;
    for (int i = 0; i < wanted.length; i++) {
      wanted[i] = sparkTypeFor(schema.fields()[i].dataType(), fields.get(i));
      casts |= !wanted[i].equals(schema.fields()[i].dataType());
    }
    Dataset<Row> aligned = casts ? cast(result, wanted) : result;
    Schema produced = ArrowUtils.toArrowSchema(aligned.schema(), timeZone, false, false);
    for (int i = 0; i < wanted.length; i++) {
      if (!sameTypes(produced.getFields().get(i), fields.get(i))) {
        return null;
      }
    }
    return aligned;
  }

  /** The Spark type whose Arrow form is {@code field}'s, where a cast can get there. */
  private static DataType sparkTypeFor(DataType type, Field field) {
    if (type.equals(DataTypes.TimestampType)) {
      return DataTypes.TimestampNTZType;
    }
    if (type instanceof DecimalType && field.getType() instanceof ArrowType.Decimal decimal) {
      return DataTypes.createDecimalType(decimal.getPrecision(), decimal.getScale());
    }
    if (type instanceof ArrayType array && field.getChildren().size() == 1) {
      return DataTypes.createArrayType(
          sparkTypeFor(array.elementType(), field.getChildren().get(0)), array.containsNull());
    }
    return type;
  }

  /** Casts by position: result columns may share a name ({@code SELECT a, a}). */
  private static Dataset<Row> cast(Dataset<Row> result, DataType[] wanted) {
    StructField[] fields = result.schema().fields();
    String[] positional = new String[fields.length];
    for (int i = 0; i < fields.length; i++) {
      positional[i] = "c" + i;
    }
    List<Column> columns = new ArrayList<>();
    for (int i = 0; i < fields.length; i++) {
      Column column = functions.col(positional[i]);
      if (!wanted[i].equals(fields[i].dataType())) {
        column = column.cast(wanted[i]);
      }
      columns.add(column.as(fields[i].name()));
    }
    return result.toDF(positional).select(columns.toArray(Column[]::new));
  }

  /** Same Arrow types all the way down; names, nullability and metadata are the announcement's. */
  private static boolean sameTypes(Field produced, Field announced) {
    if (!produced.getType().equals(announced.getType())
        || produced.getChildren().size() != announced.getChildren().size()) {
      return false;
    }
    for (int i = 0; i < produced.getChildren().size(); i++) {
      if (!sameTypes(produced.getChildren().get(i), announced.getChildren().get(i))) {
        return false;
      }
    }
    return true;
  }
}
