package dev.scry.planner.phase;

import java.util.Objects;

/** A phase on the whole plan. */
record RelPhase(String name, Phase.RelStep step) implements Phase {
  RelPhase {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(step, "step");
  }

  @Override
  public QueryState run(QueryState state, QueryContext context) {
    return state.withRel(step.apply(state.rel(), context));
  }

  @Override
  public String toString() {
    return name + " (plan)";
  }
}
