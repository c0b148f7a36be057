package dev.scry.planner.phase;

import dev.scry.planner.rel.LakeTableScan;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.SetOp;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.Union;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Narrows each {@link LakeTableScan} to the columns the operators above it use (a connector's
 * applyProjection). A phase, not a rule: what a scan must read depends on every operator between it and
 * the root (a Join or a Sort passes on whatever its own consumer reads), so it is worked out top down
 * over the whole plan, as Calcite's field trimming is. Unlike trimming it leaves the plan's shape alone:
 * the scan's row type stays all of the table's columns and the engine leaves the unread ones NULL.
 */
final class LakeScanColumns {
  private LakeScanColumns() {}

  static RelNode apply(RelNode root) {
    return narrow(root, null);
  }

  /** {@code used}: the fields of {@code node} its parent reads, or null for all of them. */
  private static RelNode narrow(RelNode node, ImmutableBitSet used) {
    if (node instanceof LakeTableScan scan) {
      return new LakeTableScan(
          scan.getCluster(),
          scan.getTraitSet(),
          scan.getTable(),
          scan.spec().withColumns(all(scan, used).asList()));
    }
    List<RelNode> inputs = node.getInputs();
    List<ImmutableBitSet> usedOfInputs = usedOfInputs(node, used);
    List<RelNode> narrowed = new ArrayList<>(inputs.size());
    boolean changed = false;
    for (int i = 0; i < inputs.size(); i++) {
      RelNode input = narrow(inputs.get(i), usedOfInputs.get(i));
      changed |= input != inputs.get(i);
      narrowed.add(input);
    }
    return changed ? node.copy(node.getTraitSet(), narrowed) : node;
  }

  private static ImmutableBitSet all(RelNode node, ImmutableBitSet used) {
    return used != null ? used : ImmutableBitSet.range(node.getRowType().getFieldCount());
  }

  /** The fields of each input that {@code node} needs; null where that is not worked out (all of them). */
  private static List<ImmutableBitSet> usedOfInputs(RelNode node, ImmutableBitSet used) {
    ImmutableBitSet single = null;
    if (node instanceof Project project) {
      single = RelOptUtil.InputFinder.bits(project.getProjects(), null);
    } else if (node instanceof Aggregate aggregate) {
      ImmutableBitSet.Builder bits = aggregate.getGroupSet().rebuild();
      for (AggregateCall call : aggregate.getAggCallList()) {
        bits.addAll(call.getArgList());
        if (call.filterArg >= 0) {
          bits.set(call.filterArg);
        }
      }
      single = bits.build();
    } else if (node instanceof Filter filter && used != null) {
      single = used.union(RelOptUtil.InputFinder.bits(filter.getCondition()));
    } else if (node instanceof Sort sort && used != null) {
      ImmutableBitSet.Builder bits = used.rebuild();
      for (RelFieldCollation collation : sort.getCollation().getFieldCollations()) {
        bits.set(collation.getFieldIndex());
      }
      single = bits.build();
    }
    if (node instanceof Join join) {
      // Fields of both sides in a row (a semi or anti join outputs only the left ones).
      int left = join.getLeft().getRowType().getFieldCount();
      int right = join.getRight().getRowType().getFieldCount();
      ImmutableBitSet needed =
          all(join, used).union(RelOptUtil.InputFinder.bits(join.getCondition()));
      return List.of(needed.get(0, left), needed.get(left, left + right).shift(-left));
    }
    if (node instanceof SetOp) {
      // Positions line up across the inputs; DISTINCT, INTERSECT and EXCEPT compare every field.
      boolean allFields = !(node instanceof Union union && union.all);
      return Collections.nCopies(node.getInputs().size(), allFields ? null : used);
    }
    if (node.getInputs().size() == 1) {
      return Collections.singletonList(single);
    }
    return Collections.nCopies(node.getInputs().size(), null);
  }
}
