package dev.scry.planner.phase;

import org.apache.calcite.rel.RelRoot;

/**
 * The validated SQL as a plan of Calcite's logical operators. Sub-queries stay as expressions
 * (the converter does not expand them): {@link SubQueryRemover} turns them into joins later.
 */
final class Conversion implements Phase {
  @Override
  public String name() {
    return "to-rel";
  }

  @Override
  public QueryState run(QueryState state, QueryContext context) {
    RelRoot root = context.converter().convertQuery(state.validatedOrFail(), false, true);
    return state.withRoot(root);
  }

  @Override
  public String toString() {
    return name() + " (SQL to plan)";
  }
}
