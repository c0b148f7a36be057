package dev.scry.planner.rule;

import dev.scry.planner.rel.PredictRel;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * A Filter above a {@link PredictRel}: the conjuncts that read only DATA columns the PREDICT carries
 * through go below it, so rows they reject are never scored, and the push-down rules after it can take
 * them further, to a lake scan's pushed filters and partition pruning. PREDICT scores each row on its
 * own (row semantics), so filtering its DATA first gives the same rows. Conjuncts on a model output, and
 * any that is not deterministic, stay above.
 */
public final class FilterPredictTransposeRule
    extends RelRule<OperandConfig<FilterPredictTransposeRule>> {
  /** A Filter without correlation variables right above a PredictRel. */
  public static final OperandConfig<FilterPredictTransposeRule> CONFIG =
      OperandConfig.of(
          "FilterPredictTransposeRule",
          b0 ->
              b0.operand(Filter.class)
                  .predicate(f -> f.getVariablesSet().isEmpty())
                  .oneInput(b1 -> b1.operand(PredictRel.class).anyInputs()),
          FilterPredictTransposeRule::new);

  FilterPredictTransposeRule(OperandConfig<FilterPredictTransposeRule> config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    Filter filter = call.rel(0);
    PredictRel predict = call.rel(1);
    RelNode data = predict.getInput();
    List<Integer> carried = predict.spec().carriedFields();
    List<RelDataTypeField> carriedFields = predict.getRowType().getFieldList();
    List<RexNode> below = new ArrayList<>();
    List<RexNode> above = new ArrayList<>();
    for (RexNode conjunct : RelOptUtil.conjunctions(filter.getCondition())) {
      if (readsOnlyCarried(conjunct, carried, carriedFields, data)) {
        below.add(conjunct.accept(new ToDataField(carried, data)));
      } else {
        above.add(conjunct);
      }
    }
    if (below.isEmpty()) {
      return;
    }
    RelBuilder builder = call.builder();
    RelNode filteredData = builder.push(data).filter(below).build();
    RelNode scored = predict.copy(predict.getTraitSet(), List.of(filteredData));
    call.transformTo(builder.push(scored).filter(above).build());
  }

  /**
   * Whether {@code conjunct} can be evaluated on the DATA row: deterministic, and every field it reads is
   * a carried DATA column of the same type as below (an output's field index is past the carried ones).
   */
  private static boolean readsOnlyCarried(
      RexNode conjunct, List<Integer> carried, List<RelDataTypeField> fields, RelNode data) {
    if (!RexUtil.isDeterministic(conjunct) || RexUtil.containsCorrelation(conjunct)) {
      return false;
    }
    ImmutableBitSet read = RelOptUtil.InputFinder.bits(conjunct);
    for (int field : read) {
      if (field >= carried.size()) {
        return false;
      }
      RelDataTypeField below = data.getRowType().getFieldList().get(carried.get(field));
      if (!below.getType().equals(fields.get(field).getType())) {
        return false;
      }
    }
    return true;
  }

  /** Field i of PREDICT's row, a carried DATA column, as the DATA field it carries. */
  private static final class ToDataField extends RexShuttle {
    private final List<Integer> carried;
    private final RelNode data;

    ToDataField(List<Integer> carried, RelNode data) {
      this.carried = carried;
      this.data = data;
    }

    @Override
    public RexNode visitInputRef(RexInputRef ref) {
      int field = carried.get(ref.getIndex());
      return new RexInputRef(field, data.getRowType().getFieldList().get(field).getType());
    }
  }
}
