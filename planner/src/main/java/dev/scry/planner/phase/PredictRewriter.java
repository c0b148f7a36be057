package dev.scry.planner.phase;

import dev.scry.planner.operator.PredictFunction;
import dev.scry.planner.predict.BoundPredict;
import dev.scry.planner.rel.PredictRel;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.logical.LogicalTableFunctionScan;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;

/** Replaces each PREDICT table function scan with a {@link PredictRel} that carries its bound spec. */
final class PredictRewriter extends RelShuttleImpl {
  private final PredictFunction predict;

  PredictRewriter(PredictFunction predict) {
    this.predict = predict;
  }

  // Table function scans do not dispatch to visit(TableFunctionScan); they arrive here.
  @Override
  public RelNode visit(RelNode other) {
    RelNode visited = super.visit(other);
    if (!(visited instanceof LogicalTableFunctionScan call)
        || !(call.getCall() instanceof RexCall rexCall)
        || !(rexCall.getOperator() instanceof PredictFunction)) {
      return visited;
    }
    RelNode data = call.getInputs().get(0);
    String model = modelName(rexCall);
    BoundPredict bound = predict.bind(model, data.getRowType(), call.getCluster().getTypeFactory());
    return new PredictRel(call.getCluster(), call.getTraitSet(), data, bound.spec(), call.getRowType());
  }

  private static String modelName(RexCall call) {
    for (RexNode operand : call.getOperands()) {
      if (operand instanceof RexLiteral literal && literal.getValueAs(String.class) != null) {
        return literal.getValueAs(String.class);
      }
    }
    throw new IllegalStateException("PREDICT call without a model literal: " + call);
  }
}
