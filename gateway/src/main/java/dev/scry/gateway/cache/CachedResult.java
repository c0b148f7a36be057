package dev.scry.gateway.cache;

import java.util.List;

/** The rows of one finished result, its estimated size, and when it was computed. */
record CachedResult(List<Object[]> rows, long bytes, long createdNanos) {
  CachedResult {
    rows = List.copyOf(rows);
  }

  /** A copy of the rows for one reader: the arrays are handed out and must not be shared. */
  List<Object[]> copyOfRows() {
    return rows.stream().map(Object[]::clone).toList();
  }
}
