package dev.scry.planner.scan;

import dev.scry.planner.catalog.LakeTable;
import dev.scry.planner.catalog.TableDefinition;
import dev.scry.planner.rel.LakeTableScan;
import dev.scry.planner.spi.FileStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
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
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.core.Union;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * The last planning step, in the spirit of a connector's applyFilter/applyProjection: each scan of a lake
 * table becomes a {@link LakeTableScan} carrying the columns the operators above use, the conjuncts of
 * the Filter right above it that the source can evaluate, and the partition folders that survive those
 * conjuncts. The Filter itself stays in the plan (pushing is a saving, never the only check).
 */
public final class LakeScanPushdown {
  private final PartitionPruner pruner;

  public LakeScanPushdown(FileStore files) {
    this.pruner = new PartitionPruner(Objects.requireNonNull(files, "files"));
  }

  public RelNode apply(RelNode root) {
    return rewrite(root, null);
  }

  /** {@code used}: the fields of {@code node} its parent reads, or null for all of them. */
  private RelNode rewrite(RelNode node, ImmutableBitSet used) {
    if (node instanceof Filter filter && lakeScan(filter.getInput()) != null) {
      ImmutableBitSet needed = all(filter, used).union(RelOptUtil.InputFinder.bits(filter.getCondition()));
      RelNode scan = pushed((TableScan) filter.getInput(), needed, RelOptUtil.conjunctions(filter.getCondition()));
      return filter.copy(filter.getTraitSet(), List.of(scan));
    }
    if (lakeScan(node) != null) {
      return pushed((TableScan) node, all(node, used), List.of());
    }
    List<RelNode> inputs = node.getInputs();
    List<ImmutableBitSet> usedOfInputs = usedOfInputs(node, used);
    List<RelNode> rewritten = new ArrayList<>(inputs.size());
    boolean changed = false;
    for (int i = 0; i < inputs.size(); i++) {
      RelNode input = rewrite(inputs.get(i), usedOfInputs.get(i));
      changed |= input != inputs.get(i);
      rewritten.add(input);
    }
    return changed ? node.copy(node.getTraitSet(), rewritten) : node;
  }

  private static LakeTable lakeScan(RelNode node) {
    return node instanceof TableScan scan && !(node instanceof LakeTableScan)
        ? scan.getTable().unwrap(LakeTable.class) : null;
  }

  private LakeTableScan pushed(TableScan scan, ImmutableBitSet used, List<org.apache.calcite.rex.RexNode> conjuncts) {
    TableDefinition table = lakeScan(scan).definition();
    SourceFilters filters = SourceFilters.of(table, conjuncts);
    List<ScanRoot> roots;
    OptionalInt total;
    if (table.partitionColumns().isEmpty()) {
      roots = table.readLocations().stream().map(ScanRoot::whole).toList();
      total = OptionalInt.empty();
    } else {
      PartitionPruner.Selection selection = pruner.select(table, filters.partitionTests());
      roots = selection.roots();
      total = OptionalInt.of(selection.total());
    }
    LakeScanSpec spec = new LakeScanSpec(table, used.asList(), filters.pushed(), roots, total);
    return new LakeTableScan(scan.getCluster(), scan.getTraitSet(), scan.getTable(), spec);
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
      ImmutableBitSet needed = all(join, used).union(RelOptUtil.InputFinder.bits(join.getCondition()));
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
