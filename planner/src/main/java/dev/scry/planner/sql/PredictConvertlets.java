package dev.scry.planner.sql;

import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlUtil;
import org.apache.calcite.sql2rel.SqlRexContext;
import org.apache.calcite.sql2rel.SqlRexConvertlet;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.sql2rel.StandardConvertletTable;

/**
 * Calcite's standard conversions, plus the scalar PREDICT (whose by-name form keeps column names) and
 * LIKE with a NULL pattern.
 */
final class PredictConvertlets implements SqlRexConvertletTable {
  @Override
  public SqlRexConvertlet get(SqlCall call) {
    if (call.getOperator() instanceof ScalarPredictFunction scalar) {
      return scalar::convert;
    }
    if (call.getKind() == SqlKind.LIKE && hasNullPatternOrEscape(call)) {
      return PredictConvertlets::nullLike;
    }
    return StandardConvertletTable.INSTANCE.get(call);
  }

  private static boolean hasNullPatternOrEscape(SqlCall call) {
    return call.getOperandList().stream().skip(1).anyMatch(operand -> SqlUtil.isNullLiteral(operand, true));
  }

  /**
   * {@code x [NOT] LIKE NULL} (or {@code ESCAPE NULL}) is NULL whatever x is, in SQL and in Spark. Said so
   * here: Calcite's expression simplifier reads a literal pattern's text without expecting NULL and fails
   * with a NullPointerException on it.
   */
  private static RexNode nullLike(SqlRexContext cx, SqlCall call) {
    return cx.getRexBuilder().makeNullLiteral(cx.getValidator().getValidatedNodeType(call));
  }
}
