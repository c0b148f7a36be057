package dev.scry.planner.phase;

import java.util.Objects;

/** A phase on the SQL tree before validation. */
record SqlPhase(String name, Phase.SqlStep step) implements Phase {
  SqlPhase {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(step, "step");
  }

  @Override
  public QueryState run(QueryState state, QueryContext context) {
    return state.withQuery(step.apply(state.query(), context));
  }

  @Override
  public String toString() {
    return name + " (SQL)";
  }
}
