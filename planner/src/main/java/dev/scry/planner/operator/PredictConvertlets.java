package dev.scry.planner.operator;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlUtil;
import org.apache.calcite.sql2rel.SqlRexContext;
import org.apache.calcite.sql2rel.SqlRexConvertlet;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.sql2rel.StandardConvertletTable;

/**
 * Calcite's standard conversions, plus the scalar PREDICT (whose by-name form keeps column names), LIKE
 * with a NULL pattern and the type of CASE.
 */
public final class PredictConvertlets implements SqlRexConvertletTable {
  @Override
  public SqlRexConvertlet get(SqlCall call) {
    if (call.getOperator() instanceof ScalarPredictFunction scalar) {
      return scalar::convert;
    }
    if (call.getKind() == SqlKind.LIKE && hasNullPatternOrEscape(call)) {
      return PredictConvertlets::nullLike;
    }
    if (call.getKind() == SqlKind.CASE) {
      return PredictConvertlets::caseWithValidatedType;
    }
    return StandardConvertletTable.INSTANCE.get(call);
  }

  /**
   * CASE (and COALESCE, which the validator rewrites into one) with the type the validator gave it. Calcite
   * converts {@code COALESCE(CAST(NULL AS INTEGER), '7')} to a nullable {@code CAST('7' AS VARCHAR)} where
   * the validator typed VARCHAR NOT NULL, and the converter then fails its own check that conversion
   * preserves the validated types (an AssertionError).
   */
  private static RexNode caseWithValidatedType(SqlRexContext cx, SqlCall call) {
    RexNode converted = StandardConvertletTable.INSTANCE.get(call).convertCall(cx, call);
    RelDataType validated = cx.getValidator().getValidatedNodeType(call);
    return converted.getType().equals(validated)
        ? converted
        : cx.getRexBuilder().makeAbstractCast(validated, converted, false);
  }

  private static boolean hasNullPatternOrEscape(SqlCall call) {
    return call.getOperandList().stream()
        .skip(1)
        .anyMatch(operand -> SqlUtil.isNullLiteral(operand, true));
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
