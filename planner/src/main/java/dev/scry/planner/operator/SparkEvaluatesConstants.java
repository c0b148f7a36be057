package dev.scry.planner.operator;

import java.util.List;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexExecutor;
import org.apache.calcite.rex.RexNode;

/**
 * The planner's constant evaluator: it evaluates nothing, so constant expressions reach Spark as
 * written and Spark computes them. Calcite's evaluator follows Calcite's semantics, which differ from
 * Spark's for some (e.g. {@code CAST(TRUE AS VARCHAR)} would become {@code 'TRUE'}; Spark gives
 * {@code 'true'}).
 */
public final class SparkEvaluatesConstants implements RexExecutor {
  public static final SparkEvaluatesConstants INSTANCE = new SparkEvaluatesConstants();

  private SparkEvaluatesConstants() {}

  @Override
  public void reduce(
      RexBuilder rexBuilder, List<RexNode> constantExpressions, List<RexNode> reducedValues) {
    reducedValues.addAll(constantExpressions);
  }
}
