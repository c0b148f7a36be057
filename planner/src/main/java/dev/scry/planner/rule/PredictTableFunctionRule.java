package dev.scry.planner.rule;

import dev.scry.planner.operator.PredictFunction;
import dev.scry.planner.predict.BoundPredict;
import dev.scry.planner.rel.PredictRel;
import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalTableFunctionScan;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;

/**
 * Replaces a PREDICT table function scan with a {@link PredictRel} that carries its bound spec. The
 * call's operator is the session's {@link PredictFunction} (the validator resolved it), so it binds the
 * model itself and the rule needs nothing else.
 */
public final class PredictTableFunctionRule
    extends RelRule<OperandConfig<PredictTableFunctionRule>> {
  /** A table function scan whose call is PREDICT. */
  public static final OperandConfig<PredictTableFunctionRule> CONFIG =
      OperandConfig.of(
          "PredictTableFunctionRule",
          b0 ->
              b0.operand(LogicalTableFunctionScan.class)
                  .predicate(PredictTableFunctionRule::isPredict)
                  .anyInputs(),
          PredictTableFunctionRule::new);

  PredictTableFunctionRule(OperandConfig<PredictTableFunctionRule> config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalTableFunctionScan scan = call.rel(0);
    RexCall predictCall = (RexCall) scan.getCall();
    PredictFunction predict = (PredictFunction) predictCall.getOperator();
    RelNode data = scan.getInputs().get(0);
    RelDataTypeFactory types = scan.getCluster().getTypeFactory();
    BoundPredict bound =
        predict.bind(modelName(predictCall), dataAsCalled(scan, data, types), types);
    call.transformTo(
        new PredictRel(
            scan.getCluster(), scan.getTraitSet(), data, bound.spec(), scan.getRowType()));
  }

  /**
   * The DATA's fields under the names the call was validated with: the first fields of the scan's own
   * row type (PREDICT's row type starts with the DATA columns). Calcite compares relational expressions
   * without their field names, so a Hep program before this rule may have put an equal DATA of other
   * names below the scan (another PREDICT's, say {@code id, X} for {@code id, float_input}); PREDICT binds
   * model inputs by name.
   */
  private static RelDataType dataAsCalled(
      LogicalTableFunctionScan scan, RelNode data, RelDataTypeFactory types) {
    List<RelDataTypeField> fields = data.getRowType().getFieldList();
    return types.createStructType(
        fields.stream().map(RelDataTypeField::getType).toList(),
        scan.getRowType().getFieldNames().subList(0, fields.size()));
  }

  static boolean isPredict(LogicalTableFunctionScan scan) {
    return scan.getCall() instanceof RexCall call && call.getOperator() instanceof PredictFunction;
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
