package dev.scry.planner.phase;

import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.rules.CoreRules;

/**
 * Logical rewrites applied to every query before it runs on Spark: filters pushed towards the scans,
 * projections merged, trivial projections removed. The plan stays in Calcite's logical operators.
 */
final class QueryOptimizer {
  private static final HepProgram PROGRAM = new HepProgramBuilder()
      .addMatchOrder(HepMatchOrder.BOTTOM_UP)
      .addRuleCollection(java.util.List.of(
          CoreRules.FILTER_MERGE,
          CoreRules.FILTER_PROJECT_TRANSPOSE,
          CoreRules.FILTER_INTO_JOIN,
          CoreRules.JOIN_CONDITION_PUSH,
          CoreRules.PROJECT_MERGE,
          CoreRules.PROJECT_REMOVE,
          CoreRules.AGGREGATE_PROJECT_MERGE))
      .build();

  private QueryOptimizer() {}

  static RelNode optimize(RelNode rel) {
    HepPlanner planner = new HepPlanner(PROGRAM);
    planner.setRoot(rel);
    return planner.findBestExp();
  }
}
