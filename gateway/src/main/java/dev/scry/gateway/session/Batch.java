package dev.scry.gateway.session;

import java.util.List;

/** Rows of a result as the engine gives them, from {@code offset}; {@code done} when no rows follow. */
public record Batch(long offset, boolean done, List<Object[]> rows) {
  public Batch {
    rows = List.copyOf(rows);
  }
}
