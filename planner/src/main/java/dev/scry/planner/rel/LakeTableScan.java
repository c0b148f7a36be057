package dev.scry.planner.rel;

import dev.scry.planner.scan.LakeScanSpec;
import dev.scry.planner.scan.PushedFilter;
import dev.scry.planner.scan.TableVersion;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;

/**
 * A scan of a lake table with what the planner pushed into it ({@link LakeScanSpec}). Its row type is
 * still all of the table's columns, so the operators above are unchanged; columns outside the spec are
 * never read and the engine leaves them NULL. EXPLAIN prints the spec with the node.
 */
public final class LakeTableScan extends TableScan {
  private final LakeScanSpec spec;

  public LakeTableScan(
      RelOptCluster cluster, RelTraitSet traitSet, RelOptTable table, LakeScanSpec spec) {
    super(cluster, traitSet, List.of(), table);
    this.spec = Objects.requireNonNull(spec, "spec");
  }

  public LakeScanSpec spec() {
    return spec;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new LakeTableScan(getCluster(), traitSet, getTable(), spec);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw)
        .item("columns", spec.columnNames())
        .itemIf(
            "filters",
            spec.filters().stream().map(PushedFilter::text).toList(),
            !spec.filters().isEmpty())
        .itemIf(
            "partitions",
            spec.partitionsKept() + " of " + spec.partitionsTotal().orElse(0),
            spec.partitionsTotal().isPresent())
        .itemIf(
            "asOf", spec.asOf().map(TableVersion::describe).orElse(""), spec.asOf().isPresent());
  }
}
