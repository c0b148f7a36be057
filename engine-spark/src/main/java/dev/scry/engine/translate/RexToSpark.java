package dev.scry.engine.translate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.scry.engine.SparkTypes;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimestampString;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * Translates Calcite row expressions over an input whose columns are named positionally (see
 * {@link Positional}) into Spark columns. Literals and bound parameters become typed Spark literals of
 * the Calcite type (a DECIMAL stays a DECIMAL of its precision and scale); calls go through
 * {@link SparkFunctionMap}.
 */
public final class RexToSpark {
  private final RexBuilder rexBuilder;
  private final List<Object> parameters;

  /**
   * @param rexBuilder used to expand SEARCH calls into comparisons
   * @param parameters values of the dynamic parameters ({@code ?}) by index; may contain nulls
   */
  public RexToSpark(RexBuilder rexBuilder, List<Object> parameters) {
    this.rexBuilder = Objects.requireNonNull(rexBuilder, "rexBuilder");
    this.parameters = Objects.requireNonNull(parameters, "parameters");
  }

  public Column translate(RexNode node) {
    if (node instanceof RexInputRef ref) {
      return col(Positional.name(ref.getIndex()));
    }
    if (node instanceof RexLiteral literal) {
      return literal(literal);
    }
    if (node instanceof RexDynamicParam param) {
      return typedValue(parameter(param.getIndex()), param.getType());
    }
    if (node instanceof RexOver over) {
      return WindowToSpark.translate(over, this::translate);
    }
    if (node instanceof RexSubQuery subQuery) {
      throw new UnsupportedSqlException(
          "The Spark engine needs sub-queries removed from the plan; found "
              + subQuery.getOperator().getName()
              + " sub-query");
    }
    if (node instanceof RexCall call) {
      if (call.getKind() == SqlKind.SEARCH) {
        return translate(RexUtil.expandSearch(rexBuilder, null, call));
      }
      List<Column> operands = new ArrayList<>(call.getOperands().size());
      for (RexNode operand : call.getOperands()) {
        operands.add(translate(operand));
      }
      return SparkFunctionMap.scalar(call.getOperator()).apply(call, operands);
    }
    throw new UnsupportedSqlException(
        "The Spark engine does not support the expression " + node + " (" + node.getKind() + ")");
  }

  /**
   * A filter or join condition. Spark wants a BOOLEAN there, and a NULL literal without a type (what
   * Calcite leaves of {@code WHERE CAST(NULL AS BOOLEAN)}) is Spark's VOID: its analyzer refuses it.
   */
  public Column condition(RexNode condition) {
    Column translated = translate(condition);
    return condition instanceof RexLiteral literal && literal.isNull()
        ? translated.cast(DataTypes.BooleanType)
        : translated;
  }

  /** The value bound to parameter {@code index}, with an error naming the parameter when it is missing. */
  public Object parameter(int index) {
    if (index >= parameters.size()) {
      throw new IllegalArgumentException(
          "No value bound for parameter " + (index + 1) + " of " + parameters.size() + " given");
    }
    return parameters.get(index);
  }

  /** A literal as a typed Spark literal (also for aggregates that carry one, such as LITERAL_AGG). */
  static Column literal(RexLiteral literal) {
    RelDataType type = literal.getType();
    SqlTypeName typeName = literal.getTypeName();
    if (typeName == SqlTypeName.SYMBOL) {
      // Flags such as TRIM's LEADING or EXTRACT's unit: mappings read them from the RexCall itself.
      return lit(String.valueOf(literal.getValue()));
    }
    if (literal.isNull()) {
      return typeName == SqlTypeName.NULL ? lit(null) : lit(null).cast(SparkTypes.toSpark(type));
    }
    switch (type.getSqlTypeName()) {
      case BOOLEAN:
        return lit(literal.getValueAs(Boolean.class));
      case TINYINT:
        return lit(literal.getValueAs(Byte.class));
      case SMALLINT:
        return lit(literal.getValueAs(Short.class));
      case INTEGER:
        return lit(literal.getValueAs(Integer.class));
      case BIGINT:
        return lit(literal.getValueAs(Long.class));
      case DECIMAL:
        return lit(literal.getValueAs(BigDecimal.class)).cast(SparkTypes.toSpark(type));
      case REAL:
        return lit(literal.getValueAs(Float.class));
      case FLOAT:
      case DOUBLE:
        return lit(literal.getValueAs(Double.class));
      case CHAR:
      case VARCHAR:
        return lit(literal.getValueAs(String.class));
      case BINARY:
      case VARBINARY:
        return lit(literal.getValueAs(ByteString.class).getBytes());
      case DATE:
        return lit(LocalDate.parse(literal.getValueAs(DateString.class).toString()));
      case TIMESTAMP:
        // A local date-time, read in the session's time zone, as SQL's TIMESTAMP WITHOUT TIME ZONE.
        return lit(LocalDateTime.parse(
                literal.getValueAs(TimestampString.class).toString().replace(' ', 'T')))
            .cast(SparkTypes.toSpark(type));
      default:
        break;
    }
    if (SqlTypeName.YEAR_INTERVAL_TYPES.contains(typeName)) {
      return lit(Period.ofMonths(literal.getValueAs(BigDecimal.class).intValueExact()));
    }
    if (SqlTypeName.DAY_INTERVAL_TYPES.contains(typeName)) {
      return lit(Duration.ofMillis(literal.getValueAs(BigDecimal.class).longValueExact()));
    }
    throw new UnsupportedSqlException(
        "The Spark engine does not support literals of type " + type.getFullTypeString());
  }

  /** A Java value (a bound parameter) as a Spark literal of the Calcite type the validator gave it. */
  static Column typedValue(Object value, RelDataType type) {
    boolean typed =
        type.getSqlTypeName() != SqlTypeName.ANY
            && type.getSqlTypeName() != SqlTypeName.UNKNOWN
            && type.getSqlTypeName() != SqlTypeName.NULL;
    Column literal;
    if (value instanceof Collection<?> elements) {
      RelDataType elementType = type.getComponentType();
      literal =
          functions.array(
              elements.stream()
                  .map(e -> elementType == null ? lit(sparkValue(e)) : typedValue(e, elementType))
                  .toArray(Column[]::new));
    } else {
      literal = lit(sparkValue(value));
    }
    if (!typed) {
      return literal;
    }
    DataType target = SparkTypes.toSpark(type);
    return literal.cast(target);
  }

  /** Java values of the JDBC world in the forms Spark's literals accept without time-zone shifts. */
  private static Object sparkValue(Object value) {
    if (value instanceof Date date) {
      return date.toLocalDate();
    }
    if (value instanceof Timestamp timestamp) {
      return timestamp.toLocalDateTime();
    }
    if (value instanceof Time) {
      throw new UnsupportedSqlException(
          "The Spark engine does not support TIME values (parameter " + value + ")");
    }
    if (value instanceof java.util.Date date) {
      return LocalDateTime.ofInstant(Instant.ofEpochMilli(date.getTime()), ZoneOffset.UTC);
    }
    if (value instanceof Character c) {
      return c.toString();
    }
    return value;
  }
}
