package dev.scry.planner.sqlrewrite;

import dev.scry.planner.ScryException;
import dev.scry.planner.operator.PredictFunction;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * Before validation, rewrites the scalar {@code PREDICT('m', *)} (or {@code t.*}) into
 * {@code PREDICT('m', ROW(*))}: Calcite's validator expands a star inside ROW into the FROM columns, which
 * the scalar function then binds to the model's inputs by name.
 */
public final class PredictStarRewriter extends SqlShuttle {
  @Override
  public SqlNode visit(SqlCall call) {
    SqlNode visited = super.visit(call);
    if (!(visited instanceof SqlCall result) || !isScalarPredict(result)) {
      return visited;
    }
    List<SqlNode> operands = result.getOperandList();
    List<SqlNode> stars =
        operands.subList(1, operands.size()).stream()
            .filter(o -> o instanceof SqlIdentifier id && id.isStar())
            .toList();
    if (stars.isEmpty()) {
      return result;
    }
    if (operands.size() != 2) {
      throw new ScryException(
          "At line "
              + stars.get(0).getParserPosition().getLineNum()
              + ", column "
              + stars.get(0).getParserPosition().getColumnNum()
              + ": PREDICT('model', *) takes * as its only argument after the model");
    }
    List<SqlNode> rewritten = new ArrayList<>();
    rewritten.add(operands.get(0));
    rewritten.add(
        SqlStdOperatorTable.ROW.createCall(operands.get(1).getParserPosition(), operands.get(1)));
    return result
        .getOperator()
        .createCall(
            result.getFunctionQuantifier(),
            result.getParserPosition(),
            rewritten.toArray(SqlNode[]::new));
  }

  private static boolean isScalarPredict(SqlCall call) {
    return call.getOperator().getName().equalsIgnoreCase(PredictFunction.NAME)
        && call.getOperator().getSyntax() != SqlSyntax.SPECIAL
        && call.operandCount() >= 2
        && !(call.operand(1) instanceof SqlCall inner
            && inner.getKind() == SqlKind.ARGUMENT_ASSIGNMENT);
  }
}
