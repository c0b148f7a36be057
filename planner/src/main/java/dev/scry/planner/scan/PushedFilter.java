package dev.scry.planner.scan;

import java.util.Objects;
import org.apache.calcite.rex.RexNode;

/**
 * A conjunct of the query's filter that the file source can evaluate on its own: {@code condition}
 * refers to the table's columns by their position in the table; {@code text} is how EXPLAIN shows it.
 */
public record PushedFilter(RexNode condition, String text) {
  public PushedFilter {
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(text, "text");
  }
}
