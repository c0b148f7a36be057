package dev.scry.planner.rule;

import dev.scry.planner.catalog.LakeTable;
import dev.scry.planner.rel.LakeTableScan;
import dev.scry.planner.scan.LakeScanSpecs;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.tools.RelBuilderFactory;

/**
 * Turns a scan of a lake table into a {@link LakeTableScan} whose spec says what the source does: the
 * conjuncts of the Filter right above that a file source evaluates, and the partition folders they keep.
 * The Filter stays (pushing is a saving, never the only check). The spec reads every column: which ones
 * the plan uses is not local to the scan, so {@code LakeScanColumns}, a phase, narrows them afterwards.
 *
 * <p>Two configurations, as Calcite's FilterTableScanRule has: {@link Config#filter} for a Filter on a
 * lake scan and {@link Config#scan} for any lake scan left. Run the first to its fixpoint before the
 * second, so that the folders of a filtered table are listed once, already pruned.
 */
public final class LakeScanRule extends RelRule<LakeScanRule.Config> {
  LakeScanRule(Config config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    if (call.rels.length == 2) {
      Filter filter = call.rel(0);
      TableScan scan = call.rel(1);
      LakeTableScan pushed = lakeScan(scan, RelOptUtil.conjunctions(filter.getCondition()));
      call.transformTo(filter.copy(filter.getTraitSet(), List.of(pushed)));
    } else {
      call.transformTo(lakeScan(call.rel(0), List.of()));
    }
  }

  private LakeTableScan lakeScan(TableScan scan, List<RexNode> conjuncts) {
    LakeTable table = scan.getTable().unwrap(LakeTable.class);
    return new LakeTableScan(
        scan.getCluster(),
        scan.getTraitSet(),
        scan.getTable(),
        config.specs().of(table.definition(), conjuncts));
  }

  /** A scan of a lake table that has no spec yet. */
  static boolean isLakeTable(TableScan scan) {
    return !(scan instanceof LakeTableScan) && scan.getTable().unwrap(LakeTable.class) != null;
  }

  /** What the rule matches and how it makes specs; immutable, changed by copying. */
  public interface Config extends RelRule.Config {
    /** A Filter on a lake table's scan: its conjuncts go to the source and prune partition folders. */
    static Config filter(LakeScanSpecs specs) {
      return new Values(
          RelFactories.LOGICAL_BUILDER,
          "LakeScanRule:filter",
          b0 ->
              b0.operand(Filter.class)
                  .oneInput(
                      b1 ->
                          b1.operand(TableScan.class)
                              .predicate(LakeScanRule::isLakeTable)
                              .noInputs()),
          specs);
    }

    /** A lake table's scan with no filter to push: every folder of the table is read. */
    static Config scan(LakeScanSpecs specs) {
      return new Values(
          RelFactories.LOGICAL_BUILDER,
          "LakeScanRule:scan",
          b0 -> b0.operand(TableScan.class).predicate(LakeScanRule::isLakeTable).noInputs(),
          specs);
    }

    /** Makes each scan's spec (and lists the partition folders it needs). */
    LakeScanSpecs specs();

    Config withSpecs(LakeScanSpecs specs);

    @Override
    Config withRelBuilderFactory(RelBuilderFactory factory);

    @Override
    Config withDescription(String description);

    @Override
    Config withOperandSupplier(OperandTransform transform);

    @Override
    default LakeScanRule toRule() {
      return new LakeScanRule(this);
    }
  }

  private record Values(
      RelBuilderFactory relBuilderFactory,
      String description,
      OperandTransform operandSupplier,
      LakeScanSpecs specs)
      implements Config {
    Values {
      Objects.requireNonNull(relBuilderFactory, "relBuilderFactory");
      Objects.requireNonNull(operandSupplier, "operandSupplier");
      Objects.requireNonNull(specs, "specs");
    }

    @Override
    public Config withSpecs(LakeScanSpecs specs) {
      return new Values(relBuilderFactory, description, operandSupplier, specs);
    }

    @Override
    public Config withRelBuilderFactory(RelBuilderFactory factory) {
      return new Values(factory, description, operandSupplier, specs);
    }

    @Override
    public Config withDescription(String description) {
      return new Values(relBuilderFactory, description, operandSupplier, specs);
    }

    @Override
    public Config withOperandSupplier(OperandTransform transform) {
      return new Values(relBuilderFactory, description, transform, specs);
    }
  }
}
