package dev.scry.planner.phase;

import com.google.common.collect.ImmutableSet;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.core.Correlate;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.rules.FilterJoinRule;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql2rel.RelDecorrelator;
import org.apache.calcite.tools.RelBuilder;

/**
 * Turns the sub-queries of a plan converted without expansion (RexSubQuery) into joins, and removes the
 * correlation that leaves.
 *
 * <p>Why not let the converter expand them: it correlates a WHERE clause's sub-query with the whole
 * FROM clause before the join conditions are applied, and decorrelation then enumerates the
 * correlated values from a cross product of every table in the FROM clause (TPC-H Q21 never finishes).
 * Here the ordinary conjuncts of a filter are split from those with sub-queries and pushed into the
 * joins first, so that the correlated values come from the real join.
 */
final class SubQueryRemover {
  /** Pushes only filters free of sub-queries into joins: a sub-query's correlation names the whole row. */
  private static final FilterJoinRule.FilterIntoJoinRule PLAIN_FILTER_INTO_JOIN =
      FilterJoinRule.FilterIntoJoinRule.FilterIntoJoinRuleConfig.DEFAULT
          .withOperandSupplier(
              b0 ->
                  b0.operand(Filter.class)
                      .predicate(f -> !RexUtil.SubQueryFinder.containsSubQuery(f))
                      .oneInput(b1 -> b1.operand(Join.class).anyInputs()))
          .as(FilterJoinRule.FilterIntoJoinRule.FilterIntoJoinRuleConfig.class)
          .toRule();

  private static final HepProgram PUSH_PLAIN_FILTERS =
      new HepProgramBuilder().addRuleInstance(PLAIN_FILTER_INTO_JOIN).build();

  private static final HepProgram REMOVE_SUB_QUERIES =
      new HepProgramBuilder()
          .addRuleCollection(
              List.of(
                  CoreRules.FILTER_SUB_QUERY_TO_CORRELATE,
                  CoreRules.PROJECT_SUB_QUERY_TO_CORRELATE,
                  CoreRules.JOIN_SUB_QUERY_TO_CORRELATE))
          .build();

  /**
   * Constants out of grouping keys (SELECT DISTINCT 1, 'x', EXISTS (…)): Calcite's decorrelator moves
   * constant keys of an Aggregate over a correlation to the end of its row and then fails its own check
   * that the row type is unchanged (or with an IndexOutOfBoundsException).
   */
  private static final HepProgram PULL_UP_GROUPED_CONSTANTS =
      new HepProgramBuilder()
          .addRuleInstance(CoreRules.AGGREGATE_PROJECT_PULL_UP_CONSTANTS)
          .build();

  private SubQueryRemover() {}

  static RelNode remove(RelNode rel, RelBuilder relBuilder) {
    RelNode split = rel.accept(new ConjunctSplitter());
    RelNode pushed = run(PUSH_PLAIN_FILTERS, split);
    RelNode correlated = run(REMOVE_SUB_QUERIES, pushed);
    if (hasCorrelate(correlated)) {
      correlated = run(PULL_UP_GROUPED_CONSTANTS, correlated);
    }
    return RelDecorrelator.decorrelateQuery(correlated, relBuilder);
  }

  private static boolean hasCorrelate(RelNode rel) {
    return rel instanceof Correlate
        || rel.getInputs().stream().anyMatch(SubQueryRemover::hasCorrelate);
  }

  private static RelNode run(HepProgram program, RelNode rel) {
    HepPlanner planner = new HepPlanner(program);
    planner.setRoot(rel);
    return planner.findBestExp();
  }

  /** Filter(a AND sub-query) becomes Filter(sub-query) over Filter(a); the correlation stays above. */
  private static final class ConjunctSplitter extends RelShuttleImpl {
    @Override
    public RelNode visit(LogicalFilter filter) {
      RelNode input = filter.getInput().accept(this);
      List<RexNode> plain = new ArrayList<>();
      List<RexNode> withSubQuery = new ArrayList<>();
      for (RexNode conjunct : RelOptUtil.conjunctions(filter.getCondition())) {
        (RexUtil.SubQueryFinder.find(conjunct) == null ? plain : withSubQuery).add(conjunct);
      }
      if (plain.isEmpty() || withSubQuery.isEmpty()) {
        return input == filter.getInput()
            ? filter
            : filter.copy(filter.getTraitSet(), input, filter.getCondition());
      }
      var rexBuilder = filter.getCluster().getRexBuilder();
      RelNode below = LogicalFilter.create(input, RexUtil.composeConjunction(rexBuilder, plain));
      return LogicalFilter.create(
          below,
          RexUtil.composeConjunction(rexBuilder, withSubQuery),
          ImmutableSet.copyOf(filter.getVariablesSet()));
    }
  }
}
