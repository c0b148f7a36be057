package dev.scry.planner.phase;

import java.util.List;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.sql.SqlNode;

/**
 * One named step of planning a query. A phase runs on its own from any state that has what it reads (the
 * SQL before validation, the validated SQL, or the plan), so a pipeline can be printed, reordered, cut
 * short or tested one phase at a time; its {@code toString} says what it does.
 */
public interface Phase {
  String name();

  QueryState run(QueryState state, QueryContext context);

  /** A check or rewrite of the SQL tree, before validation. */
  static Phase sql(String name, SqlStep step) {
    return new SqlPhase(name, step);
  }

  /** A rewrite of the whole plan that is not a local rule (or a check of it). */
  static Phase rel(String name, RelStep step) {
    return new RelPhase(name, step);
  }

  /** Rules run by a Hep planner: each group of rules to its fixpoint, one group after the other. */
  static Phase rules(String name, HepMatchOrder order, List<List<RelOptRule>> groups) {
    return new RulePhase(name, order, groups);
  }

  @FunctionalInterface
  interface SqlStep {
    SqlNode apply(SqlNode query, QueryContext context);
  }

  @FunctionalInterface
  interface RelStep {
    RelNode apply(RelNode rel, QueryContext context);
  }
}
