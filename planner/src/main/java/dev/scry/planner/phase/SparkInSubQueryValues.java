package dev.scry.planner.phase;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

/**
 * Gives {@code x IN (sub-query)} and {@code x NOT IN (sub-query)} Spark's value where it is used as a
 * value rather than as a whole WHERE condition: Spark computes it with an existence join, so it is never
 * NULL. Where SQL says NULL (no match, but a NULL on either side) Spark answers FALSE, for IN and for
 * NOT IN alike — that is, Spark's value is SQL's value IS TRUE. A whole conjunct of a WHERE clause is
 * left alone: there FALSE and NULL both drop the row, and Spark and SQL agree.
 */
final class SparkInSubQueryValues extends RelHomogeneousShuttle {
  @Override
  public RelNode visit(RelNode other) {
    RelNode visited = super.visit(other);
    RexBuilder rexBuilder = visited.getCluster().getRexBuilder();
    if (visited instanceof Filter filter) {
      List<RexNode> conjuncts = new ArrayList<>();
      boolean changed = false;
      for (RexNode conjunct : RelOptUtil.conjunctions(filter.getCondition())) {
        RexNode rewritten =
            isWholeInCondition(conjunct) ? conjunct : conjunct.accept(new AsSpark(rexBuilder));
        changed |= rewritten != conjunct;
        conjuncts.add(rewritten);
      }
      return changed
          ? filter.copy(
              filter.getTraitSet(),
              filter.getInput(),
              RexUtil.composeConjunction(rexBuilder, conjuncts))
          : filter;
    }
    return visited.accept(new AsSpark(rexBuilder));
  }

  private static boolean isWholeInCondition(RexNode conjunct) {
    RexNode inner =
        conjunct.getKind() == SqlKind.NOT ? ((RexCall) conjunct).getOperands().get(0) : conjunct;
    return inner instanceof RexSubQuery subQuery && subQuery.getKind() == SqlKind.IN;
  }

  /** IN → (IN) IS TRUE and NOT (IN) → (NOT (IN)) IS TRUE, wherever they appear in an expression. */
  private static final class AsSpark extends RexShuttle {
    private final RexBuilder rexBuilder;

    AsSpark(RexBuilder rexBuilder) {
      this.rexBuilder = rexBuilder;
    }

    @Override
    public RexNode visitCall(RexCall call) {
      if (call.getKind() == SqlKind.NOT
          && call.getOperands().get(0) instanceof RexSubQuery subQuery
          && subQuery.getKind() == SqlKind.IN) {
        return isTrue(rexBuilder.makeCall(SqlStdOperatorTable.NOT, inside(subQuery)));
      }
      return super.visitCall(call);
    }

    @Override
    public RexNode visitSubQuery(RexSubQuery subQuery) {
      RexSubQuery visited = inside(subQuery);
      return subQuery.getKind() == SqlKind.IN ? isTrue(visited) : visited;
    }

    /** The sub-query with its operands and its own query rewritten. */
    private RexSubQuery inside(RexSubQuery subQuery) {
      RexSubQuery operandsDone = (RexSubQuery) super.visitSubQuery(subQuery);
      return operandsDone.clone(operandsDone.rel.accept(new SparkInSubQueryValues()));
    }

    private RexNode isTrue(RexNode value) {
      return value.getType().isNullable()
          ? rexBuilder.makeCall(SqlStdOperatorTable.IS_TRUE, value)
          : value;
    }
  }
}
