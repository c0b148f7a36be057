package dev.scry.planner.phase;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepProgramBuilder;

/**
 * A phase of planner rules: a Hep program that runs each group of rules to its fixpoint, in order. A group
 * of one rule runs alone; a group of several runs as one collection, whichever matches first.
 */
record RulePhase(String name, HepMatchOrder order, List<List<RelOptRule>> groups) implements Phase {
  RulePhase {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(order, "order");
    groups = groups.stream().map(List::copyOf).toList();
  }

  HepProgram program() {
    HepProgramBuilder builder = new HepProgramBuilder().addMatchOrder(order);
    for (List<RelOptRule> group : groups) {
      if (group.size() == 1) {
        builder.addRuleInstance(group.get(0));
      } else {
        builder.addRuleCollection(group);
      }
    }
    return builder.build();
  }

  @Override
  public QueryState run(QueryState state, QueryContext context) {
    HepPlanner planner = new HepPlanner(program());
    planner.setRoot(state.rel());
    return state.withRel(planner.findBestExp());
  }

  /** The name, then each group's rules by description, e.g. {@code lake-scans (rules): [A]; [B, C]}. */
  @Override
  public String toString() {
    return name
        + " (rules): "
        + groups.stream()
            .map(
                group ->
                    group.stream()
                        .map(RelOptRule::toString)
                        .collect(Collectors.joining(", ", "[", "]")))
            .collect(Collectors.joining("; "));
  }
}
