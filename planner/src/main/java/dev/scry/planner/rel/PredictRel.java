package dev.scry.planner.rel;

import dev.scry.planner.predict.InputBinding;
import dev.scry.planner.predict.PredictSpec;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.type.RelDataType;

/**
 * Scores a model on every row of its input: the input's columns, then one column per
 * {@link PredictSpec#outputs() output column}. The planner turns each PREDICT table function call into
 * one of these; the engine runs it as batched scoring in Spark tasks.
 */
public final class PredictRel extends SingleRel {
  private final PredictSpec spec;

  public PredictRel(
      RelOptCluster cluster,
      RelTraitSet traits,
      RelNode input,
      PredictSpec spec,
      RelDataType rowType) {
    super(cluster, traits, input);
    this.spec = Objects.requireNonNull(spec, "spec");
    this.rowType = Objects.requireNonNull(rowType, "rowType");
  }

  public PredictSpec spec() {
    return spec;
  }

  @Override
  protected RelDataType deriveRowType() {
    return rowType;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new PredictRel(getCluster(), traitSet, sole(inputs), spec, rowType);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw)
        .item("model", spec.model().qualifiedName())
        .item(
            "inputs",
            spec.inputs().stream()
                .map(PredictRel::describe)
                .collect(Collectors.joining(", ", "[", "]")))
        .itemIf(
            "carries", carriedNames(), !spec.carriesAll(getInput().getRowType().getFieldCount()))
        .item("batchSize", spec.batchSize());
  }

  private String carriedNames() {
    List<String> names = getInput().getRowType().getFieldNames();
    return spec.carriedFields().stream().map(names::get).collect(Collectors.joining(", "));
  }

  private static String describe(InputBinding binding) {
    String from =
        binding.source() == InputBinding.Source.ARRAY
            ? "ARRAY " + binding.fieldNames().get(0)
            : String.join(", ", binding.fieldNames());
    return binding.input().name() + " <- " + from;
  }
}
