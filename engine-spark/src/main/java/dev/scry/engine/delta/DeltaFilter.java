package dev.scry.engine.delta;

import com.google.common.collect.BoundType;
import com.google.common.collect.Range;
import dev.scry.planner.catalog.ColumnDefinition;
import dev.scry.planner.catalog.TableDefinition;
import dev.scry.planner.scan.PushedFilter;
import io.delta.kernel.expressions.And;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.expressions.Or;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUnknownAs;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.Sarg;

/**
 * The planner's pushed filters of a Delta scan as one Delta Kernel predicate, which Kernel uses to prune
 * partitions (on the log's partition values) and to skip files (on the add actions' min/max and null
 * count statistics). Only what is certain is handed over: a conjunct is left out when a value cannot be
 * put in the column's own type exactly, when a cast around the column could change what it compares
 * (a narrowing cast), or for types whose statistics Scry does not trust yet (timestamps, floats,
 * booleans, binary). Leaving a conjunct out reads more files, never fewer rows: the Filter above the
 * scan still applies every condition to the rows.
 */
public final class DeltaFilter {
  /** No filter: every live file. */
  public static final DeltaFilter NONE = new DeltaFilter(List.of(), List.of());

  /** A SEARCH with more ranges than this is left out rather than made a long OR. */
  private static final int MAX_RANGES = 64;

  private final List<String> columnNames;
  private final List<RexNode> conditions;

  private DeltaFilter(List<String> columnNames, List<RexNode> conditions) {
    this.columnNames = List.copyOf(columnNames);
    this.conditions = List.copyOf(conditions);
  }

  /** The pushed filters of a scan of {@code table} (they refer to its columns by position). */
  public static DeltaFilter of(TableDefinition table, List<PushedFilter> filters) {
    return new DeltaFilter(
        table.columns().stream().map(ColumnDefinition::name).toList(),
        filters.stream().map(PushedFilter::condition).toList());
  }

  public boolean isEmpty() {
    return conditions.isEmpty();
  }

  /** The conjuncts Kernel can use, against the snapshot's schema; empty when none can be used. */
  public Optional<Predicate> predicate(StructType schema) {
    Predicate all = null;
    for (RexNode condition : conditions) {
      Optional<Predicate> one = conjunct(condition, schema);
      if (one.isPresent()) {
        all = all == null ? one.get() : new And(all, one.get());
      }
    }
    return Optional.ofNullable(all);
  }

  private Optional<Predicate> conjunct(RexNode condition, StructType schema) {
    if (!(condition instanceof RexCall call)) {
      return Optional.empty();
    }
    if (call.getKind() == SqlKind.IS_NULL || call.getKind() == SqlKind.IS_NOT_NULL) {
      String name = call.getKind() == SqlKind.IS_NULL ? "IS_NULL" : "IS_NOT_NULL";
      return column(call.getOperands().get(0), schema).map(c -> new Predicate(name, c.column()));
    }
    SqlKind kind = call.getKind();
    if (call.getOperands().size() != 2) {
      return Optional.empty();
    }
    RexNode left = call.getOperands().get(0);
    RexNode right = call.getOperands().get(1);
    if (kind == SqlKind.SEARCH && right instanceof RexLiteral literal) {
      Sarg<?> sarg = literal.getValueAs(Sarg.class);
      return sarg == null ? Optional.empty() : column(left, schema).flatMap(c -> search(c, sarg));
    }
    if (left instanceof RexLiteral && !(right instanceof RexLiteral)) {
      RexNode swap = left;
      left = right;
      right = swap;
      kind = kind.reverse();
    }
    if (!(right instanceof RexLiteral literal) || literal.isNull()) {
      return Optional.empty();
    }
    Optional<KernelColumn> column = column(left, schema);
    if (column.isEmpty()) {
      return Optional.empty();
    }
    Optional<Literal> value = literal(column.get().type(), literalValue(literal));
    if (value.isEmpty()) {
      return Optional.empty();
    }
    Column c = column.get().column();
    return switch (kind) {
      case EQUALS -> Optional.of(new Predicate("=", c, value.get()));
      case NOT_EQUALS -> Optional.of(new Predicate("NOT", new Predicate("=", c, value.get())));
      case LESS_THAN -> Optional.of(new Predicate("<", c, value.get()));
      case LESS_THAN_OR_EQUAL -> Optional.of(new Predicate("<=", c, value.get()));
      case GREATER_THAN -> Optional.of(new Predicate(">", c, value.get()));
      case GREATER_THAN_OR_EQUAL -> Optional.of(new Predicate(">=", c, value.get()));
      default -> Optional.empty();
    };
  }

  /** A SEARCH (IN lists, ranges, their complements) as an OR of ranges, with IS NULL if it admits NULL. */
  private static Optional<Predicate> search(KernelColumn column, Sarg<?> sarg) {
    if (sarg.rangeSet.asRanges().size() > MAX_RANGES) {
      return Optional.empty();
    }
    Predicate any = null;
    for (Range<?> range : sarg.rangeSet.asRanges()) {
      Optional<Predicate> one = range(column, range);
      if (one.isEmpty()) {
        return Optional.empty();
      }
      any = any == null ? one.get() : new Or(any, one.get());
    }
    if (sarg.nullAs == RexUnknownAs.TRUE) {
      Predicate isNull = new Predicate("IS_NULL", column.column());
      any = any == null ? isNull : new Or(any, isNull);
    }
    return Optional.ofNullable(any);
  }

  private static Optional<Predicate> range(KernelColumn column, Range<?> range) {
    Column c = column.column();
    Optional<Literal> lower =
        range.hasLowerBound() ? literal(column.type(), range.lowerEndpoint()) : Optional.empty();
    Optional<Literal> upper =
        range.hasUpperBound() ? literal(column.type(), range.upperEndpoint()) : Optional.empty();
    if (range.hasLowerBound() && lower.isEmpty() || range.hasUpperBound() && upper.isEmpty()) {
      return Optional.empty();
    }
    if (lower.isPresent()
        && upper.isPresent()
        && range.lowerBoundType() == BoundType.CLOSED
        && range.upperBoundType() == BoundType.CLOSED
        && range.lowerEndpoint().equals(range.upperEndpoint())) {
      return Optional.of(new Predicate("=", c, lower.get()));
    }
    Predicate bounds = null;
    if (lower.isPresent()) {
      bounds =
          new Predicate(range.lowerBoundType() == BoundType.CLOSED ? ">=" : ">", c, lower.get());
    }
    if (upper.isPresent()) {
      Predicate below =
          new Predicate(range.upperBoundType() == BoundType.CLOSED ? "<=" : "<", c, upper.get());
      bounds = bounds == null ? below : new And(bounds, below);
    }
    // A range unbounded on both sides admits every non-NULL value.
    return Optional.of(bounds == null ? new Predicate("IS_NOT_NULL", c) : bounds);
  }

  /** A column of the snapshot's schema, by the name of the catalog column the reference points to. */
  private record KernelColumn(Column column, DataType type) {}

  private Optional<KernelColumn> column(RexNode node, StructType schema) {
    RexNode operand = node;
    if (node.getKind() == SqlKind.CAST) {
      operand = ((RexCall) node).getOperands().get(0);
      if (!widens(operand.getType(), node.getType())) {
        return Optional.empty();
      }
    }
    if (!(operand instanceof RexInputRef ref) || ref.getIndex() >= columnNames.size()) {
      return Optional.empty();
    }
    String name = columnNames.get(ref.getIndex());
    for (StructField field : schema.fields()) {
      if (field.getName().equalsIgnoreCase(name)) {
        return Optional.of(new KernelColumn(new Column(field.getName()), field.getDataType()));
      }
    }
    return Optional.empty();
  }

  /**
   * Whether every value of {@code from} keeps its order and equality under the cast to {@code to}, so
   * that comparing the column's own values decides the same: integers to wider integers or to decimals
   * and doubles that hold them exactly, decimals to decimals with no fewer digits on either side of the
   * point, strings to strings that are not shorter, dates to dates.
   */
  static boolean widens(RelDataType from, RelDataType to) {
    SqlTypeName source = from.getSqlTypeName();
    SqlTypeName target = to.getSqlTypeName();
    int digits = integerDigits(source);
    if (digits > 0) {
      int targetDigits = integerDigits(target);
      if (targetDigits > 0) {
        return targetDigits >= digits;
      }
      if (target == SqlTypeName.DECIMAL) {
        return to.getPrecision() - to.getScale() >= digits;
      }
      // A double holds every integer of up to 15 digits exactly (BIGINT's 19 it does not).
      return target == SqlTypeName.DOUBLE && digits <= 10;
    }
    if (source == SqlTypeName.DECIMAL && target == SqlTypeName.DECIMAL) {
      return to.getScale() >= from.getScale()
          && to.getPrecision() - to.getScale() >= from.getPrecision() - from.getScale();
    }
    if (source == SqlTypeName.VARCHAR && target == SqlTypeName.VARCHAR) {
      return to.getPrecision() == RelDataType.PRECISION_NOT_SPECIFIED
          || from.getPrecision() != RelDataType.PRECISION_NOT_SPECIFIED
              && to.getPrecision() >= from.getPrecision();
    }
    return source == SqlTypeName.DATE && target == SqlTypeName.DATE;
  }

  /** Decimal digits an integer type needs; 0 for other types. */
  private static int integerDigits(SqlTypeName type) {
    return switch (type) {
      case TINYINT -> 3;
      case SMALLINT -> 5;
      case INTEGER -> 10;
      case BIGINT -> 19;
      default -> 0;
    };
  }

  /** A literal's value as SEARCH's ranges hold theirs: BigDecimal, NlsString, DateString. */
  private static Object literalValue(RexLiteral literal) {
    return switch (literal.getTypeName()) {
      case DATE -> literal.getValueAs(DateString.class);
      case CHAR, VARCHAR -> literal.getValueAs(NlsString.class);
      default -> literal.getValue();
    };
  }

  /** {@code value} in the column's own Delta type, when it fits exactly; empty otherwise. */
  static Optional<Literal> literal(DataType type, Object value) {
    if (value instanceof BigDecimal number) {
      return number(type, number);
    }
    if (value instanceof NlsString text && StringType.STRING.equals(type)) {
      return Optional.of(Literal.ofString(text.getValue()));
    }
    if (value instanceof DateString date && type instanceof DateType) {
      return Optional.of(Literal.ofDate(date.getDaysSinceEpoch()));
    }
    return Optional.empty();
  }

  private static Optional<Literal> number(DataType type, BigDecimal number) {
    try {
      if (type instanceof ByteType) {
        return Optional.of(Literal.ofByte(number.byteValueExact()));
      }
      if (type instanceof ShortType) {
        return Optional.of(Literal.ofShort(number.shortValueExact()));
      }
      if (type instanceof IntegerType) {
        return Optional.of(Literal.ofInt(number.intValueExact()));
      }
      if (type instanceof LongType) {
        return Optional.of(Literal.ofLong(number.longValueExact()));
      }
      if (type instanceof DecimalType decimal) {
        BigDecimal scaled = number.setScale(decimal.getScale());
        return scaled.precision() <= decimal.getPrecision()
            ? Optional.of(Literal.ofDecimal(scaled, decimal.getPrecision(), decimal.getScale()))
            : Optional.empty();
      }
      if (type instanceof DoubleType) {
        // The column is compared as a double (no cast around it), so with the value as a double.
        return Optional.of(Literal.ofDouble(number.doubleValue()));
      }
    } catch (ArithmeticException e) {
      // Not exact in the column's type (a fraction for an integer column, too many digits).
      return Optional.empty();
    }
    return Optional.empty();
  }
}
