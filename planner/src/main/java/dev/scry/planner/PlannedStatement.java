package dev.scry.planner;

/** What the planner makes of one SQL statement. */
public sealed interface PlannedStatement permits QueryPlan, CommandPlan {
  String sql();
}
