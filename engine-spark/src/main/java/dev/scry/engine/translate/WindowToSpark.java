package dev.scry.engine.translate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rex.RexFieldCollation;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexWindow;
import org.apache.calcite.rex.RexWindowBound;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Translates a window function call ({@code f(...) OVER (PARTITION BY ... ORDER BY ... frame)}) into a
 * Spark window column. The function itself comes from {@link SparkFunctionMap#window}; this class builds
 * the window: partitions, ordering with the SQL null direction, and the frame exactly as Calcite states
 * it (Calcite always makes the default frame explicit), except for ranking and offset functions, whose
 * frame Spark fixes itself.
 */
final class WindowToSpark {
  private WindowToSpark() {}

  static Column translate(RexOver over, Function<RexNode, Column> rex) {
    if (over.isDistinct()) {
      throw new UnsupportedSqlException(
          "The Spark engine does not support DISTINCT in the window function "
              + over.getOperator().getName());
    }
    if (over.ignoreNulls()) {
      throw new UnsupportedSqlException(
          "The Spark engine does not support IGNORE NULLS in the window function "
              + over.getOperator().getName());
    }
    List<Column> operands = new ArrayList<>();
    for (RexNode operand : over.getOperands()) {
      operands.add(rex.apply(operand));
    }
    SparkFunctionMap.WindowMapping mapping = SparkFunctionMap.window(over.getOperator());
    Column function = mapping.function().apply(over, operands);
    return function.over(window(over.getWindow(), mapping.framed(), rex));
  }

  private static WindowSpec window(
      RexWindow window, boolean framed, Function<RexNode, Column> rex) {
    List<Column> partitions = new ArrayList<>();
    for (RexNode key : window.partitionKeys) {
      partitions.add(rex.apply(key));
    }
    List<Column> orders = new ArrayList<>();
    for (RexFieldCollation key : window.orderKeys) {
      orders.add(sortKey(key, rex.apply(key.left)));
    }
    WindowSpec spec =
        Window.partitionBy(partitions.toArray(Column[]::new))
            .orderBy(orders.toArray(Column[]::new));
    if (!framed) {
      return spec;
    }
    long lower = bound(window.getLowerBound());
    long upper = bound(window.getUpperBound());
    return window.isRows() ? spec.rowsBetween(lower, upper) : spec.rangeBetween(lower, upper);
  }

  private static Column sortKey(RexFieldCollation key, Column column) {
    boolean descending = key.getDirection().isDescending();
    // Calcite has already resolved the null direction against the validator's NullCollation.
    boolean nullsFirst = key.getNullDirection() == RelFieldCollation.NullDirection.FIRST;
    if (descending) {
      return nullsFirst ? column.desc_nulls_first() : column.desc_nulls_last();
    }
    return nullsFirst ? column.asc_nulls_first() : column.asc_nulls_last();
  }

  private static long bound(RexWindowBound bound) {
    if (bound.isCurrentRow()) {
      return Window.currentRow();
    }
    if (bound.isUnbounded()) {
      return bound.isPreceding() ? Window.unboundedPreceding() : Window.unboundedFollowing();
    }
    RexNode offset = bound.getOffset();
    // Only a number is read as one: RexLiteral.getValueAs fails with an AssertionError on, say,
    // X'0F'.
    BigDecimal value =
        offset instanceof RexLiteral literal && SqlTypeUtil.isNumeric(literal.getType())
            ? literal.getValueAs(BigDecimal.class)
            : null;
    if (value == null || value.stripTrailingZeros().scale() > 0) {
      throw new UnsupportedSqlException(
          "The Spark engine supports only whole-number constant window frame offsets, not "
              + offset);
    }
    return bound.isPreceding() ? -value.longValueExact() : value.longValueExact();
  }
}
