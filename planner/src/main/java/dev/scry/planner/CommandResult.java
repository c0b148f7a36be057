package dev.scry.planner;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What a command returns: rows (for SHOW, DESCRIBE, EXPLAIN) or an update count (for DDL, -1 when it
 * has no meaning).
 */
public record CommandResult(List<ResultColumn> columns, List<List<Object>> rows, long updateCount) {
  public CommandResult {
    Objects.requireNonNull(columns, "columns");
    columns = List.copyOf(columns);
    List<List<Object>> copy = new ArrayList<>();
    for (List<Object> row : rows) {
      copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
    }
    rows = Collections.unmodifiableList(copy);
  }

  public static CommandResult done() {
    return new CommandResult(List.of(), List.of(), 0);
  }

  /** A statement that wrote {@code count} rows. */
  public static CommandResult updated(long count) {
    return new CommandResult(List.of(), List.of(), count);
  }

  public static CommandResult rows(List<ResultColumn> columns, List<List<Object>> rows) {
    return new CommandResult(columns, rows, -1);
  }

  public boolean hasRows() {
    return !columns.isEmpty();
  }
}
