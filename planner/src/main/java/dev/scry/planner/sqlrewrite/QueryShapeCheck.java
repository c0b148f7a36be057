package dev.scry.planner.sqlrewrite;

import static dev.scry.planner.sqlrewrite.PositionedErrors.at;

import java.math.BigDecimal;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWindow;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Before validation, rejects what Calcite's parser accepts but its validator lets through and its
 * converter cannot handle, each with an AssertionError, a ClassCastException or an
 * UnsupportedOperationException: {@code EXISTS} of something other than a sub-query
 * ({@code ORDER BY EXISTS col}), a FETCH or OFFSET that is not a whole number ({@code FETCH FIRST 1e400
 * ROWS}), a row of values as a condition ({@code WHERE (a, b)}), a list after WHEN in a CASE without a
 * value, a sub-query as a window frame offset, and MULTISET (which fails converting in ORDER BY).
 */
public final class QueryShapeCheck extends SqlBasicVisitor<Void> {
  public static void check(SqlNode query) {
    query.accept(new QueryShapeCheck());
  }

  @Override
  public Void visit(SqlCall call) {
    if ((call.getKind() == SqlKind.EXISTS || call.getKind() == SqlKind.UNIQUE)
        && call.operandCount() == 1
        && !call.operand(0).isA(SqlKind.QUERY)) {
      throw at(
          call.operand(0).getParserPosition(),
          call.getOperator().getName()
              + " takes a sub-query in parentheses: "
              + call.getOperator().getName()
              + " (SELECT …)");
    }
    if (call.getKind() == SqlKind.MULTISET_VALUE_CONSTRUCTOR
        || call.getKind() == SqlKind.MULTISET_QUERY_CONSTRUCTOR) {
      throw at(
          call.getParserPosition(), "MULTISET values are not supported; use an ARRAY: ARRAY[…]");
    }
    if (call instanceof SqlSelect select) {
      checkLimits(select.getFetch(), select.getOffset());
      checkCondition(select.getWhere(), "WHERE");
    } else if (call instanceof SqlOrderBy orderBy) {
      checkLimits(orderBy.fetch, orderBy.offset);
    } else if (call instanceof SqlJoin join) {
      checkCondition(join.getCondition(), "ON");
    } else if (call instanceof SqlCase caseCall && caseCall.getValueOperand() == null) {
      for (SqlNode when : caseCall.getWhenOperands()) {
        if (when instanceof SqlNodeList list && list.size() > 1) {
          throw at(
              list.get(0).getParserPosition(),
              "CASE WHEN takes one condition; a list of values is for"
                  + " CASE x WHEN 1, 2 THEN …");
        }
      }
    } else if (call instanceof SqlWindow window) {
      checkFrameBound(window.getLowerBound());
      checkFrameBound(window.getUpperBound());
    }
    return super.visit(call);
  }

  /** A sub-query as a frame offset, ROWS (VALUES 1) PRECEDING, fails in Calcite's sub-query removal. */
  private static void checkFrameBound(@Nullable SqlNode bound) {
    if (bound instanceof SqlCall call
        && call.operandCount() == 1
        && call.operand(0) != null
        && call.operand(0).isA(SqlKind.QUERY)) {
      throw at(
          call.operand(0).getParserPosition(),
          "a window frame offset is a constant number, not a sub-query");
    }
  }

  /** A row of values, {@code WHERE (a, b)}, fails a precondition deep in Calcite's validator. */
  private static void checkCondition(@Nullable SqlNode condition, String clause) {
    if (condition != null && condition.getKind() == SqlKind.ROW) {
      throw at(condition.getParserPosition(), clause + " takes a condition, not a row of values");
    }
  }

  private static void checkLimits(@Nullable SqlNode fetch, @Nullable SqlNode offset) {
    checkCount(fetch, "FETCH");
    checkCount(offset, "OFFSET");
  }

  /** A row count: a parameter, or a whole number the engine can pass to Spark. */
  private static void checkCount(@Nullable SqlNode count, String clause) {
    if (count == null || count instanceof SqlDynamicParam) {
      return;
    }
    BigDecimal value =
        count instanceof SqlNumericLiteral number && number.isExact()
            ? number.getValueAs(BigDecimal.class)
            : null;
    if (value == null
        || value.signum() < 0
        || value.stripTrailingZeros().scale() > 0
        || value.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
      throw at(
          count.getParserPosition(),
          clause
              + " takes a whole number from 0 to "
              + Integer.MAX_VALUE
              + " or a parameter, not "
              + count);
    }
  }
}
