package dev.scry.planner.phase;

import org.apache.calcite.rel.RelRoot;

/**
 * Makes the root's column selection and names part of the plan (a Project on top where they differ), so
 * the phases after it see the plan exactly as it will run and as EXPLAIN prints it.
 */
final class RootProjection implements Phase {
  @Override
  public String name() {
    return "project-root";
  }

  @Override
  public QueryState run(QueryState state, QueryContext context) {
    RelRoot root = state.root();
    state.rel(); // fails before conversion, as every plan phase does
    return state.withRoot(RelRoot.of(root.project(), root.validatedRowType, root.kind));
  }

  @Override
  public String toString() {
    return name() + " (plan)";
  }
}
