package dev.scry.gateway.flight;

import dev.scry.planner.ColumnOrigin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.flight.sql.FlightSqlColumnMetadata;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * SQL types as Arrow types, the way Spark's own Arrow conversion ({@code ArrowUtils.toArrowType}) maps
 * the Spark types the engine computes them as: TIMESTAMP (without time zone) is a microsecond timestamp
 * without zone, DECIMAL a 128-bit decimal, arrays lists of their element type.
 */
final class ArrowTypes {
  private ArrowTypes() {}

  /** The schema of a result; {@code origins} name the table each column reads (may be empty). */
  static Schema schema(RelDataType rowType, List<ColumnOrigin> origins) {
    List<Field> fields = new ArrayList<>();
    List<RelDataTypeField> columns = rowType.getFieldList();
    for (int i = 0; i < columns.size(); i++) {
      ColumnOrigin origin = i < origins.size() ? origins.get(i) : ColumnOrigin.NONE;
      fields.add(field(columns.get(i).getName(), columns.get(i).getType(), origin));
    }
    return new Schema(fields);
  }

  /** A column with the Flight SQL metadata JDBC's ResultSetMetaData reads (type name, precision …). */
  static Field field(String name, RelDataType type, ColumnOrigin origin) {
    FlightSqlColumnMetadata.Builder metadata =
        new FlightSqlColumnMetadata.Builder()
            .typeName(type.getComponentType() != null ? "ARRAY" : type.getSqlTypeName().getName())
            .isSearchable(true);
    if (!origin.schema().isEmpty()) {
      metadata.schemaName(origin.schema()).tableName(origin.table());
    }
    if (type.getSqlTypeName().allowsPrec()
        && type.getPrecision() != RelDataType.PRECISION_NOT_SPECIFIED) {
      metadata.precision(type.getPrecision());
    }
    if (type.getSqlTypeName() == SqlTypeName.DECIMAL) {
      metadata.scale(type.getScale());
    }
    return new Field(
        name,
        new FieldType(type.isNullable(), arrowType(type), null, metadata.build().getMetadataMap()),
        children(type));
  }

  private static List<Field> children(RelDataType type) {
    RelDataType element = type.getComponentType();
    if (element == null) {
      return List.of();
    }
    return List.of(
        new Field("element", new FieldType(true, arrowType(element), null), children(element)));
  }

  /** The Arrow type of {@code type}; types Spark has no Arrow form for travel as text. */
  static ArrowType arrowType(RelDataType type) {
    if (type.getComponentType() != null) {
      return ArrowType.List.INSTANCE;
    }
    return switch (type.getSqlTypeName()) {
      case BOOLEAN -> ArrowType.Bool.INSTANCE;
      case TINYINT -> new ArrowType.Int(8, true);
      case SMALLINT -> new ArrowType.Int(16, true);
      case INTEGER -> new ArrowType.Int(32, true);
      case BIGINT -> new ArrowType.Int(64, true);
      case REAL -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
      case FLOAT, DOUBLE -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
      case DECIMAL -> new ArrowType.Decimal(type.getPrecision(), type.getScale(), 128);
      case DATE -> new ArrowType.Date(DateUnit.DAY);
      case TIMESTAMP -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
      case BINARY, VARBINARY -> ArrowType.Binary.INSTANCE;
      case NULL -> ArrowType.Null.INSTANCE;
      default -> ArrowType.Utf8.INSTANCE;
    };
  }

  /** A schema as Flight SQL messages carry it: the IPC encapsulated schema message. */
  static byte[] serialize(Schema schema) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      MessageSerializer.serialize(new WriteChannel(Channels.newChannel(out)), schema);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
