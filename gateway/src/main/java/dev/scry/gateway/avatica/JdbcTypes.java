package dev.scry.gateway.avatica;

import dev.scry.gateway.catalog.CatalogBrowser;
import dev.scry.planner.ColumnOrigin;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.DatabaseMetaData;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.ColumnMetaData.Rep;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * How SQL types travel over JDBC: the column metadata a client sees for a Calcite type, and the value
 * representation in result frames. Dates travel as days since the epoch and timestamps as
 * milliseconds, the representation Avatica's client turns back into {@code java.sql} values.
 */
final class JdbcTypes {
  /** Timestamps travel as milliseconds since the epoch (Avatica's representation). */
  static final int TIMESTAMP_FRACTION_DIGITS = 3;

  private JdbcTypes() {}

  static ColumnMetaData column(int ordinal, String label, RelDataType type) {
    return column(ordinal, label, type, ColumnOrigin.NONE);
  }

  /**
   * A result column; {@code origin} names the schema and table it reads (JDBC's getSchemaName and
   * getTableName, empty for computed columns). The column name is the label, as most drivers give it:
   * tools key their grids and getObject(name) by it.
   */
  static ColumnMetaData column(int ordinal, String label, RelDataType type, ColumnOrigin origin) {
    ColumnMetaData.AvaticaType avaticaType = avaticaType(type);
    SqlTypeName name = type.getSqlTypeName();
    Integer size = type.getComponentType() != null ? null : columnSize(type);
    // Avatica's client prints a TIMESTAMP's getString with as many fraction digits as the column's
    // precision: 3, the milliseconds a timestamp carries over the wire (26 would print 26 digits).
    int precision =
        name == SqlTypeName.TIMESTAMP ? TIMESTAMP_FRACTION_DIGITS : size == null ? 0 : size;
    int scale =
        name == SqlTypeName.DECIMAL && type.getScale() != RelDataType.SCALE_NOT_SPECIFIED
            ? type.getScale()
            : 0;
    return new ColumnMetaData(
        ordinal,
        false,
        name == SqlTypeName.VARCHAR || name == SqlTypeName.CHAR,
        true,
        false,
        type.isNullable() ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls,
        isSigned(name),
        displaySize(type),
        label,
        label,
        origin.schema(),
        precision,
        scale,
        origin.table(),
        "",
        avaticaType,
        true,
        false,
        false,
        columnClassName(name));
  }

  static ColumnMetaData.AvaticaType avaticaType(RelDataType type) {
    if (type.getComponentType() != null) {
      return ColumnMetaData.array(avaticaType(type.getComponentType()), "ARRAY", Rep.ARRAY);
    }
    SqlTypeName name = type.getSqlTypeName();
    return ColumnMetaData.scalar(name.getJdbcOrdinal(), typeName(type), rep(name));
  }

  static AvaticaParameter parameter(RelDataType type) {
    SqlTypeName name = type.getSqlTypeName();
    int precision =
        type.getPrecision() == RelDataType.PRECISION_NOT_SPECIFIED ? 0 : type.getPrecision();
    int scale = type.getScale() == RelDataType.SCALE_NOT_SPECIFIED ? 0 : type.getScale();
    return new AvaticaParameter(
        isSigned(name),
        precision,
        scale,
        name.getJdbcOrdinal(),
        typeName(type),
        columnClassName(name),
        "?");
  }

  /** JDBC's COLUMN_SIZE, as every protocol reports it ({@link CatalogBrowser#columnSize}). */
  static Integer columnSize(RelDataType type) {
    return CatalogBrowser.columnSize(type);
  }

  static String typeName(RelDataType type) {
    return type.getComponentType() != null ? "ARRAY" : type.getSqlTypeName().getName();
  }

  static Rep rep(SqlTypeName name) {
    return switch (name) {
      case BOOLEAN -> Rep.BOOLEAN;
      case TINYINT -> Rep.BYTE;
      case SMALLINT -> Rep.SHORT;
      case INTEGER, DATE, TIME -> Rep.INTEGER;
      case BIGINT, TIMESTAMP -> Rep.LONG;
      case REAL -> Rep.FLOAT;
      case FLOAT, DOUBLE -> Rep.DOUBLE;
      case DECIMAL -> Rep.NUMBER;
      case CHAR, VARCHAR -> Rep.STRING;
      case BINARY, VARBINARY -> Rep.BYTE_STRING;
      case ARRAY -> Rep.ARRAY;
      default -> Rep.OBJECT;
    };
  }

  private static String columnClassName(SqlTypeName name) {
    return switch (name) {
      case BOOLEAN -> Boolean.class.getName();
      case TINYINT -> Byte.class.getName();
      case SMALLINT -> Short.class.getName();
      case INTEGER -> Integer.class.getName();
      case BIGINT -> Long.class.getName();
      case REAL -> Float.class.getName();
      case FLOAT, DOUBLE -> Double.class.getName();
      case DECIMAL -> BigDecimal.class.getName();
      case CHAR, VARCHAR -> String.class.getName();
      case DATE -> Date.class.getName();
      case TIMESTAMP -> Timestamp.class.getName();
      case ARRAY -> Array.class.getName();
      default -> Object.class.getName();
    };
  }

  private static boolean isSigned(SqlTypeName name) {
    return switch (name) {
      case TINYINT, SMALLINT, INTEGER, BIGINT, REAL, FLOAT, DOUBLE, DECIMAL -> true;
      default -> false;
    };
  }

  private static int displaySize(RelDataType type) {
    return switch (type.getSqlTypeName()) {
      case BOOLEAN -> 5;
      case TINYINT -> 4;
      case SMALLINT -> 6;
      case INTEGER -> 11;
      case BIGINT -> 20;
      case REAL -> 14;
      case FLOAT, DOUBLE -> 24;
      case DECIMAL -> type.getPrecision() + 2;
      case DATE -> 10;
      case TIMESTAMP -> 26;
      case CHAR, VARCHAR -> type.getPrecision() > 0 ? type.getPrecision() : 65536;
      default -> 65536;
    };
  }

  /**
   * How the engine's values of a column of {@code type} become their representation in a result frame,
   * decided once per column rather than per value: dates as epoch days ({@code Integer}), timestamps
   * as epoch milliseconds ({@code Long}), numbers as the box of their SQL type, decimals as {@code
   * BigDecimal}, characters as {@code String}, arrays element by element. A value already in its
   * frame class is passed on as it is (no second boxing); anything else unchanged.
   */
  static UnaryOperator<Object> frameValue(RelDataType type) {
    if (type.getComponentType() != null) {
      UnaryOperator<Object> element = frameValue(type.getComponentType());
      return value -> {
        if (value == null) {
          return null;
        }
        List<?> elements = (List<?>) value;
        List<Object> converted = new ArrayList<>(elements.size());
        for (Object item : elements) {
          converted.add(element.apply(item));
        }
        return converted;
      };
    }
    return switch (type.getSqlTypeName()) {
      case DATE ->
          value ->
              value instanceof Date d
                  ? (Object) (int) d.toLocalDate().toEpochDay()
                  : value instanceof LocalDate ld ? (Object) (int) ld.toEpochDay() : value;
      case TIMESTAMP -> value -> value instanceof Timestamp ts ? (Object) ts.getTime() : value;
      case TINYINT ->
          value -> value == null || value instanceof Byte ? value : ((Number) value).byteValue();
      case SMALLINT ->
          value -> value == null || value instanceof Short ? value : ((Number) value).shortValue();
      case INTEGER ->
          value -> value == null || value instanceof Integer ? value : ((Number) value).intValue();
      case BIGINT ->
          value -> value == null || value instanceof Long ? value : ((Number) value).longValue();
      case REAL ->
          value -> value == null || value instanceof Float ? value : ((Number) value).floatValue();
      case FLOAT, DOUBLE ->
          value ->
              value == null || value instanceof Double ? value : ((Number) value).doubleValue();
      case DECIMAL ->
          value ->
              value == null || value instanceof BigDecimal
                  ? value
                  : new BigDecimal(value.toString());
      case CHAR, VARCHAR ->
          value -> value == null || value instanceof String ? value : value.toString();
      default -> UnaryOperator.identity();
    };
  }
}
