package dev.scry.planner.spi;

import dev.scry.planner.QueryPlan;
import java.util.List;

/**
 * Runs a query for EXPLAIN ANALYZE and says what it did. The engine implements it; the planner puts its
 * lines after the plan it planned.
 */
public interface QueryAnalyzer {
  /**
   * Runs {@code query} to the end, discarding its rows, in the caller's job group (so a cancel reaches
   * it).
   *
   * @return lines for a person: each operator as it ran with what the engine measured of it
   */
  List<String> analyze(QueryPlan query);
}
