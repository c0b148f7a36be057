package dev.scry.planner.phase;

import dev.scry.planner.ScryException;
import dev.scry.planner.rule.ScalarPredictRule;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rex.RexNode;

/**
 * The scalar PREDICT scores in a SELECT list; in a condition the engine would only say it cannot run it.
 * A check of the whole plan, top down, made before {@link ScalarPredictRule} rewrites the SELECT lists.
 */
final class ScalarPredictPlacement {
  private ScalarPredictPlacement() {}

  static RelNode check(RelNode rel) {
    if (rel instanceof LogicalFilter filter) {
      refuse(filter.getCondition(), "WHERE or HAVING");
    } else if (rel instanceof LogicalJoin join) {
      refuse(join.getCondition(), "a join's ON");
    }
    rel.getInputs().forEach(ScalarPredictPlacement::check);
    return rel;
  }

  private static void refuse(RexNode condition, String where) {
    if (!ScalarPredictRule.predictCalls(List.of(condition)).isEmpty()) {
      throw new ScryException(
          "PREDICT('model', …) scores in a SELECT list, not in "
              + where
              + ": select it in a"
              + " sub-query and filter on its column, e.g. SELECT * FROM (SELECT t.*, PREDICT('m', a, b) AS label"
              + " FROM t) AS s WHERE label = 1");
    }
  }
}
