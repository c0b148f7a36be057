package dev.scry.engine.translate;

import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import dev.scry.engine.SparkTypes;
import dev.scry.planner.operator.ScrySparkOperators;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.fun.SqlTrimFunction;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/**
 * The one place that decides how each Calcite operator and function maps onto Spark: scalar operators
 * (keyed by the operator instance the validator resolved) and aggregate functions (keyed by kind).
 * Whatever is not listed here is refused with {@link UnsupportedSqlException} naming the operator, so
 * that a query Spark would answer differently from SQL fails instead of returning a wrong answer.
 *
 * <p>A query answers as {@code spark.sql} would: operators that Spark types differently from SQL arrive
 * as {@link ScrySparkOperators} (typed the Spark way) and map to Spark's own function. Where Calcite's
 * plan itself needs SQL's meaning, the mapping spells it out: {@code ITEM} out of bounds is NULL,
 * {@code IS TRUE} of NULL is FALSE, {@code TRIM} characters come from the SQL call, and the integer
 * division of Calcite's own rewrites truncates.
 */
public final class SparkFunctionMap {
  /** Builds the Spark column for one call from the Spark columns of its operands. */
  @FunctionalInterface
  public interface ScalarMapping {
    Column apply(RexCall call, List<Column> operands);
  }

  /**
   * Builds the Spark aggregate column for one call from its argument columns (already restricted to
   * the rows of its FILTER, if any; empty for {@code COUNT(*)}).
   */
  @FunctionalInterface
  public interface AggregateMapping {
    Column apply(AggregateCall call, List<Column> arguments);
  }

  /**
   * The Spark function of a window call, before its window is applied; {@code framed} says whether the
   * call takes the SQL frame (aggregates, FIRST_VALUE, LAST_VALUE) or Spark fixes it (ranking, LAG, LEAD).
   */
  public record WindowMapping(ScalarMapping function, boolean framed) {}

  private static final Map<SqlKind, WindowMapping> WINDOWS = new EnumMap<>(SqlKind.class);
  private static final Map<SqlOperator, ScalarMapping> SCALARS = new IdentityHashMap<>();
  private static final Map<SqlKind, AggregateMapping> AGGREGATES = new EnumMap<>(SqlKind.class);

  static {
    // Arithmetic. Spark types its results its own way; the final projection casts to Calcite's
    // types.
    binary(SqlStdOperatorTable.PLUS, Column::plus);
    SCALARS.put(
        SqlStdOperatorTable.MINUS,
        (call, ops) -> datetimeResult(call, ops.get(0).minus(ops.get(1))));
    SCALARS.put(
        SqlStdOperatorTable.MINUS_DATE,
        (call, ops) -> datetimeResult(call, ops.get(0).minus(ops.get(1))));
    SCALARS.put(
        SqlStdOperatorTable.DATETIME_PLUS,
        (call, ops) -> datetimeResult(call, ops.get(0).plus(ops.get(1))));
    binary(SqlStdOperatorTable.MULTIPLY, Column::multiply);
    binary(ScrySparkOperators.MULTIPLY, Column::multiply);
    // Calcite's own DIVIDE only comes from its rewrites (e.g. window AVG as SUM / COUNT), which
    // mean SQL's
    // division; the '/' a user writes is ScrySparkOperators.DIVIDE, Spark's '/' typed as Spark
    // types it.
    SCALARS.put(SqlStdOperatorTable.DIVIDE, SparkFunctionMap::divide);
    binary(ScrySparkOperators.DIVIDE, Column::divide);
    SCALARS.put(
        SqlStdOperatorTable.DIVIDE_INTEGER,
        (call, ops) ->
            call_function("div", ops.get(0), ops.get(1)).cast(SparkTypes.toSpark(call.getType())));
    binary(SqlStdOperatorTable.MOD, Column::mod); // sign of the dividend, as in SQL
    unary(SqlStdOperatorTable.UNARY_MINUS, functions::negate);
    unary(SqlStdOperatorTable.UNARY_PLUS, c -> c);

    // Comparison and logic.
    binary(SqlStdOperatorTable.EQUALS, Column::equalTo);
    binary(SqlStdOperatorTable.NOT_EQUALS, Column::notEqual);
    binary(SqlStdOperatorTable.LESS_THAN, Column::lt);
    binary(SqlStdOperatorTable.LESS_THAN_OR_EQUAL, Column::leq);
    binary(SqlStdOperatorTable.GREATER_THAN, Column::gt);
    binary(SqlStdOperatorTable.GREATER_THAN_OR_EQUAL, Column::geq);
    binary(SqlStdOperatorTable.IS_NOT_DISTINCT_FROM, Column::eqNullSafe);
    binary(SqlStdOperatorTable.IS_DISTINCT_FROM, (a, b) -> not(a.eqNullSafe(b)));
    SCALARS.put(
        SqlStdOperatorTable.AND, (call, ops) -> ops.stream().reduce(Column::and).orElseThrow());
    SCALARS.put(
        SqlStdOperatorTable.OR, (call, ops) -> ops.stream().reduce(Column::or).orElseThrow());
    unary(SqlStdOperatorTable.NOT, functions::not);
    unary(SqlStdOperatorTable.IS_NULL, Column::isNull);
    unary(SqlStdOperatorTable.IS_NOT_NULL, Column::isNotNull);
    unary(SqlStdOperatorTable.IS_UNKNOWN, Column::isNull);
    unary(SqlStdOperatorTable.IS_NOT_UNKNOWN, Column::isNotNull);
    unary(SqlStdOperatorTable.IS_TRUE, c -> coalesce(c, lit(false)));
    unary(SqlStdOperatorTable.IS_NOT_TRUE, c -> not(coalesce(c, lit(false))));
    unary(SqlStdOperatorTable.IS_FALSE, c -> coalesce(not(c), lit(false)));
    unary(SqlStdOperatorTable.IS_NOT_FALSE, c -> coalesce(c, lit(true)));

    // Conditionals and casts.
    SCALARS.put(SqlStdOperatorTable.CASE, SparkFunctionMap::caseWhen);
    SCALARS.put(SqlStdOperatorTable.CAST, SparkFunctionMap::cast);
    SCALARS.put(SqlStdOperatorTable.COALESCE, (call, ops) -> coalesce(ops.toArray(Column[]::new)));
    binary(SqlStdOperatorTable.NULLIF, (a, b) -> when(a.equalTo(b), lit(null)).otherwise(a));
    SCALARS.put(SqlStdOperatorTable.REINTERPRET, SparkFunctionMap::reinterpret);

    // Pattern matching and lists.
    SCALARS.put(SqlStdOperatorTable.LIKE, SparkFunctionMap::like);
    SCALARS.put(SqlStdOperatorTable.NOT_LIKE, (call, ops) -> not(like(call, ops)));
    SCALARS.put(
        SqlStdOperatorTable.IN,
        (call, ops) -> ops.get(0).isin(ops.subList(1, ops.size()).toArray()));
    SCALARS.put(
        SqlStdOperatorTable.NOT_IN,
        (call, ops) -> not(ops.get(0).isin(ops.subList(1, ops.size()).toArray())));

    // Arrays. SQL indexes from 1 and answers NULL out of bounds.
    SCALARS.put(
        SqlStdOperatorTable.ARRAY_VALUE_CONSTRUCTOR,
        (call, ops) -> functions.array(ops.toArray(Column[]::new)));
    SCALARS.put(SqlStdOperatorTable.ITEM, SparkFunctionMap::item);
    spark(SqlStdOperatorTable.CARDINALITY, "cardinality");

    // Strings.
    spark(SqlStdOperatorTable.UPPER, "upper");
    spark(SqlStdOperatorTable.LOWER, "lower");
    spark(SqlStdOperatorTable.INITCAP, "initcap");
    spark(SqlStdOperatorTable.SUBSTRING, "substring");
    spark(SqlStdOperatorTable.CHAR_LENGTH, "char_length");
    spark(SqlStdOperatorTable.CHARACTER_LENGTH, "char_length");
    spark(SqlStdOperatorTable.CONCAT, "concat"); // NULL if any operand is NULL, as ||
    spark(SqlStdOperatorTable.POSITION, "locate"); // (substring, string[, from]) in both
    spark(SqlStdOperatorTable.REPLACE, "replace");
    spark(SqlStdOperatorTable.OVERLAY, "overlay"); // (string, replacement, from[, length]) in both
    SCALARS.put(SqlStdOperatorTable.TRIM, SparkFunctionMap::trim);

    // Numbers.
    spark(SqlStdOperatorTable.ABS, "abs");
    // ROUND, FLOOR, CEIL, SIGN and EXTRACT come typed as Spark types them (ScrySparkOperators).
    spark(ScrySparkOperators.ROUND, "round"); // half away from zero
    SCALARS.put(SqlStdOperatorTable.FLOOR, SparkFunctionMap::floor); // FLOOR(ts TO unit)
    SCALARS.put(SqlStdOperatorTable.CEIL, SparkFunctionMap::ceil);
    SCALARS.put(ScrySparkOperators.FLOOR, SparkFunctionMap::floor);
    SCALARS.put(ScrySparkOperators.CEIL, SparkFunctionMap::ceil);
    spark(SqlStdOperatorTable.POWER, "power");
    spark(SqlStdOperatorTable.SQRT, "sqrt");
    spark(SqlStdOperatorTable.EXP, "exp");
    spark(SqlStdOperatorTable.LN, "ln");
    spark(SqlStdOperatorTable.LOG10, "log10");
    spark(ScrySparkOperators.SIGN, "sign");
    spark(SqlStdOperatorTable.PI, "pi");
    spark(SqlStdOperatorTable.SIN, "sin");
    spark(SqlStdOperatorTable.COS, "cos");
    spark(SqlStdOperatorTable.TAN, "tan");
    spark(SqlStdOperatorTable.COT, "cot");
    spark(SqlStdOperatorTable.ASIN, "asin");
    spark(SqlStdOperatorTable.ACOS, "acos");
    spark(SqlStdOperatorTable.ATAN, "atan");
    spark(SqlStdOperatorTable.ATAN2, "atan2");
    spark(SqlStdOperatorTable.DEGREES, "degrees");
    spark(SqlStdOperatorTable.RADIANS, "radians");

    // Dates and times (the session time zone is UTC unless configured).
    SCALARS.put(ScrySparkOperators.EXTRACT, SparkFunctionMap::extract);
    SCALARS.put(
        SqlStdOperatorTable.EXTRACT,
        SparkFunctionMap::extract); // YEAR(x) and friends, as Calcite expands them
    SCALARS.put(SqlStdOperatorTable.CURRENT_DATE, (call, ops) -> functions.current_date());
    SCALARS.put(
        SqlStdOperatorTable.CURRENT_TIMESTAMP, (call, ops) -> functions.current_timestamp());
    SCALARS.put(SqlStdOperatorTable.LOCALTIMESTAMP, (call, ops) -> functions.current_timestamp());

    // Aggregates. AVG of exact numbers keeps Spark's wider result until the final cast to Calcite's
    // type.
    AGGREGATES.put(SqlKind.COUNT, SparkFunctionMap::count);
    AGGREGATES.put(
        SqlKind.SUM,
        (call, args) ->
            call.isDistinct() ? functions.sum_distinct(args.get(0)) : functions.sum(args.get(0)));
    AGGREGATES.put(
        SqlKind.SUM0,
        (call, args) ->
            coalesce(
                call.isDistinct()
                    ? functions.sum_distinct(args.get(0))
                    : functions.sum(args.get(0)),
                lit(0).cast(SparkTypes.toSpark(call.getType()))));
    AGGREGATES.put(SqlKind.AVG, SparkFunctionMap::avg);
    AGGREGATES.put(SqlKind.MIN, (call, args) -> functions.min(args.get(0)));
    AGGREGATES.put(SqlKind.MAX, (call, args) -> functions.max(args.get(0)));
    AGGREGATES.put(SqlKind.ANY_VALUE, (call, args) -> functions.any_value(args.get(0)));
    AGGREGATES.put(SqlKind.SINGLE_VALUE, SparkFunctionMap::singleValue);
    // The constant that sub-query removal adds to mark matched rows (e.g. for NOT IN).
    AGGREGATES.put(
        SqlKind.LITERAL_AGG, (call, args) -> RexToSpark.literal((RexLiteral) call.rexList.get(0)));
    nonDistinct(SqlKind.STDDEV_POP, "stddev_pop");
    nonDistinct(SqlKind.STDDEV_SAMP, "stddev_samp");
    nonDistinct(SqlKind.VAR_POP, "var_pop");
    nonDistinct(SqlKind.VAR_SAMP, "var_samp");
  }

  static {
    // Window functions (OVER). Calcite rewrites SUM into CASE WHEN COUNT > 0 THEN $SUM0 and AVG
    // into
    // SUM / COUNT, so COUNT and $SUM0 carry those.
    ranking(SqlKind.ROW_NUMBER, (call, ops) -> functions.row_number());
    ranking(SqlKind.RANK, (call, ops) -> functions.rank());
    ranking(SqlKind.DENSE_RANK, (call, ops) -> functions.dense_rank());
    ranking(SqlKind.PERCENT_RANK, (call, ops) -> functions.percent_rank());
    ranking(SqlKind.CUME_DIST, (call, ops) -> functions.cume_dist());
    ranking(SqlKind.NTILE, (call, ops) -> functions.ntile(constantInt(call, 0)));
    ranking(SqlKind.LAG, (call, ops) -> offsetFunction(call, ops, true));
    ranking(SqlKind.LEAD, (call, ops) -> offsetFunction(call, ops, false));
    framed(SqlKind.FIRST_VALUE, (call, ops) -> functions.first(ops.get(0)));
    framed(SqlKind.LAST_VALUE, (call, ops) -> functions.last(ops.get(0)));
    framed(
        SqlKind.COUNT,
        (call, ops) ->
            ops.isEmpty()
                ? functions.count(lit(1))
                : functions.count(
                    when(
                        ops.stream().map(Column::isNotNull).reduce(Column::and).orElseThrow(),
                        lit(1))));
    framed(SqlKind.SUM, (call, ops) -> functions.sum(ops.get(0)));
    framed(
        SqlKind.SUM0,
        (call, ops) ->
            coalesce(functions.sum(ops.get(0)), lit(0).cast(SparkTypes.toSpark(call.getType()))));
    framed(SqlKind.AVG, (call, ops) -> functions.avg(ops.get(0)));
    framed(SqlKind.MIN, (call, ops) -> functions.min(ops.get(0)));
    framed(SqlKind.MAX, (call, ops) -> functions.max(ops.get(0)));
  }

  private SparkFunctionMap() {}

  /** How a window function is built in Spark, or an error naming it when Spark cannot run it. */
  public static WindowMapping window(SqlOperator operator) {
    WindowMapping mapping = WINDOWS.get(operator.getKind());
    if (mapping == null) {
      throw unsupported("window function", operator);
    }
    return mapping;
  }

  private static void ranking(SqlKind kind, ScalarMapping function) {
    WINDOWS.put(kind, new WindowMapping(function, false));
  }

  private static void framed(SqlKind kind, ScalarMapping function) {
    WINDOWS.put(kind, new WindowMapping(function, true));
  }

  private static int constantInt(RexCall call, int operand) {
    if (call.getOperands().size() > operand
        && call.getOperands().get(operand) instanceof RexLiteral literal
        && literal.getValueAs(Integer.class) != null) {
      return literal.getValueAs(Integer.class);
    }
    throw new UnsupportedSqlException(
        "The Spark engine needs operand "
            + (operand + 1)
            + " of "
            + call.getOperator().getName()
            + " to be a whole-number constant");
  }

  /** LAG/LEAD(value [, offset [, default]]): the offset must be a constant in Spark. */
  private static Column offsetFunction(RexCall call, List<Column> ops, boolean lag) {
    int offset = call.getOperands().size() > 1 ? constantInt(call, 1) : 1;
    Column fallback = ops.size() > 2 ? ops.get(2) : lit(null);
    Column value = ops.get(0);
    return lag ? functions.lag(value, offset, fallback) : functions.lead(value, offset, fallback);
  }

  /** How a scalar call is built in Spark, or an error naming the operator when Spark cannot run it. */
  public static ScalarMapping scalar(SqlOperator operator) {
    ScalarMapping mapping = SCALARS.get(operator);
    if (mapping == null) {
      throw unsupported("operator or function", operator);
    }
    return mapping;
  }

  /** How an aggregate call is built in Spark, or an error naming the function when Spark cannot run it. */
  public static AggregateMapping aggregate(AggregateCall call) {
    AggregateMapping mapping = AGGREGATES.get(call.getAggregation().getKind());
    if (mapping == null) {
      throw unsupported("aggregate function", call.getAggregation());
    }
    return mapping;
  }

  static UnsupportedSqlException unsupported(String what, SqlOperator operator) {
    return new UnsupportedSqlException(
        "The Spark engine does not support the "
            + what
            + " "
            + operator.getName()
            + " ("
            + operator.getKind()
            + ")");
  }

  private static void spark(SqlOperator operator, String sparkFunction) {
    SCALARS.put(operator, (call, ops) -> call_function(sparkFunction, ops.toArray(Column[]::new)));
  }

  private static void unary(SqlOperator operator, UnaryOperator<Column> f) {
    SCALARS.put(operator, (call, ops) -> f.apply(ops.get(0)));
  }

  private static void binary(SqlOperator operator, BinaryOperator<Column> f) {
    SCALARS.put(operator, (call, ops) -> f.apply(ops.get(0), ops.get(1)));
  }

  private static void nonDistinct(SqlKind kind, String sparkFunction) {
    AGGREGATES.put(
        kind,
        (call, args) -> {
          if (call.isDistinct()) {
            throw unsupported("aggregate function with DISTINCT", call.getAggregation());
          }
          return call_function(sparkFunction, args.toArray(Column[]::new));
        });
  }

  /** Date/time arithmetic: Spark may widen DATE + INTERVAL to TIMESTAMP; SQL keeps the operand's type. */
  private static Column datetimeResult(RexCall call, Column result) {
    return SqlTypeUtil.isDatetime(call.getType())
        ? result.cast(SparkTypes.toSpark(call.getType()))
        : result;
  }

  /** SQL divides integers to an integer (truncating); Spark's '/' always yields a fraction. */
  private static Column divide(RexCall call, List<Column> ops) {
    boolean integers =
        call.getOperands().stream().allMatch(o -> SqlTypeUtil.isIntType(o.getType()));
    if (integers) {
      return call_function("div", ops.get(0), ops.get(1)).cast(SparkTypes.toSpark(call.getType()));
    }
    return ops.get(0).divide(ops.get(1));
  }

  private static Column item(RexCall call, List<Column> ops) {
    Column element = functions.try_element_at(ops.get(0), ops.get(1));
    // Spark rejects index 0 and counts negative indexes from the end; SQL has no such element.
    return call.getOperands().get(0).getType().getSqlTypeName() == SqlTypeName.ARRAY
        ? when(ops.get(1).geq(1), element)
        : element;
  }

  private static Column caseWhen(RexCall call, List<Column> ops) {
    Column result = when(ops.get(0), ops.get(1));
    int i = 2;
    for (; i + 1 < ops.size(); i += 2) {
      result = result.when(ops.get(i), ops.get(i + 1));
    }
    return i < ops.size() ? result.otherwise(ops.get(i)) : result;
  }

  /**
   * CAST as Spark casts: text is neither padded nor truncated (the planner already types a cast to
   * CHAR(n)/VARCHAR(n) as VARCHAR) and booleans read 'true'/'false'.
   */
  private static Column cast(RexCall call, List<Column> ops) {
    return ops.get(0).cast(SparkTypes.toSpark(call.getType()));
  }

  /** REINTERPRET keeps the value and changes only Calcite's view of its type; allowed within one family. */
  private static Column reinterpret(RexCall call, List<Column> ops) {
    SqlTypeFamily from = call.getOperands().get(0).getType().getSqlTypeName().getFamily();
    SqlTypeFamily to = call.getType().getSqlTypeName().getFamily();
    if (from != to) {
      throw unsupported(
          "operator (between type families " + from + " and " + to + ")", call.getOperator());
    }
    return ops.get(0);
  }

  private static Column like(RexCall call, List<Column> ops) {
    return ops.size() == 3
        ? functions.like(ops.get(0), ops.get(1), ops.get(2))
        : functions.like(ops.get(0), ops.get(1));
  }

  /** TRIM(flag chars FROM string): Spark takes the characters to remove as a constant. */
  private static Column trim(RexCall call, List<Column> ops) {
    RexNode chars = call.getOperands().get(1);
    if (!(chars instanceof RexLiteral literal) || literal.getValueAs(String.class) == null) {
      throw new UnsupportedSqlException(
          "TRIM: the characters to remove must be a constant in the Spark engine");
    }
    String trimChars = literal.getValueAs(String.class);
    SqlTrimFunction.Flag flag =
        ((RexLiteral) call.getOperands().get(0)).getValueAs(SqlTrimFunction.Flag.class);
    Column string = ops.get(2);
    switch (flag) {
      case LEADING:
        return functions.ltrim(string, trimChars);
      case TRAILING:
        return functions.rtrim(string, trimChars);
      default:
        return functions.trim(string, trimChars);
    }
  }

  private static Column floor(RexCall call, List<Column> ops) {
    if (call.getOperands().size() == 2) {
      TimeUnitRange unit = timeUnit(call.getOperands().get(1), call);
      return functions
          .date_trunc(unit.name().toLowerCase(Locale.ROOT), ops.get(0))
          .cast(SparkTypes.toSpark(call.getType()));
    }
    return functions.floor(ops.get(0));
  }

  private static Column ceil(RexCall call, List<Column> ops) {
    if (call.getOperands().size() == 2) {
      throw unsupported("operator (on dates and times)", call.getOperator());
    }
    return functions.ceil(ops.get(0));
  }

  private static Column extract(RexCall call, List<Column> ops) {
    TimeUnitRange unit = timeUnit(call.getOperands().get(0), call);
    Column value = ops.get(1);
    if (!SqlTypeUtil.isDatetime(call.getOperands().get(1).getType())) {
      throw unsupported(
          "operator (on " + call.getOperands().get(1).getType() + ")", call.getOperator());
    }
    switch (unit) {
      case YEAR:
        return functions.year(value);
      case QUARTER:
        return functions.quarter(value);
      case MONTH:
        return functions.month(value);
      case WEEK:
        return functions.weekofyear(value);
      case DAY:
        return functions.dayofmonth(value);
      case DOY:
        return functions.dayofyear(value);
      case DOW:
        return functions.dayofweek(value); // 1 = Sunday in both
      case ISODOW:
        return functions.dayofweek(value).plus(5).mod(7).plus(1);
      case HOUR:
        return functions.hour(value);
      case MINUTE:
        return functions.minute(value);
      case SECOND:
        return functions.date_part(lit("SECOND"), value); // DECIMAL(8, 6), with the fraction
      default:
        throw new UnsupportedSqlException(
            "EXTRACT(" + unit + " FROM ...) is not supported by the Spark engine");
    }
  }

  private static TimeUnitRange timeUnit(RexNode operand, RexCall call) {
    if (operand instanceof RexLiteral literal && literal.getValue() instanceof TimeUnitRange unit) {
      return unit;
    }
    throw unsupported("operator (with a non-constant time unit)", call.getOperator());
  }

  private static Column count(AggregateCall call, List<Column> args) {
    if (args.isEmpty()) {
      return functions.count(lit(1));
    }
    Column[] columns = args.toArray(Column[]::new);
    if (call.isDistinct()) {
      return functions.count_distinct(columns[0], Arrays.copyOfRange(columns, 1, columns.length));
    }
    // COUNT(a, b) counts rows where every argument is non-null.
    Column allPresent = args.stream().map(Column::isNotNull).reduce(Column::and).orElseThrow();
    return functions.count(when(allPresent, lit(1)));
  }

  private static Column avg(AggregateCall call, List<Column> args) {
    if (!call.isDistinct()) {
      return functions.avg(args.get(0));
    }
    return functions.sum_distinct(args.get(0)).divide(functions.count_distinct(args.get(0)));
  }

  /** A scalar sub-query's value: the only row's value, and an error when there is more than one row. */
  private static Column singleValue(AggregateCall call, List<Column> args) {
    Column value = args.get(0);
    return when(
            functions.count(lit(1)).gt(1),
            functions
                .raise_error(lit("More than one value in a scalar sub-query"))
                .cast(SparkTypes.toSpark(call.getType())))
        .otherwise(functions.first(value));
  }

  /** Every scalar operator this map supports, for documentation and tests. */
  public static List<SqlOperator> supportedOperators() {
    return new ArrayList<>(SCALARS.keySet());
  }
}
