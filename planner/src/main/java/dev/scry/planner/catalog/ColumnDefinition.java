package dev.scry.planner.catalog;

import java.util.Objects;

/** One column of a table: its name as written (matched case-insensitively), type and nullability. */
public record ColumnDefinition(String name, ColumnType type, boolean nullable) {
  public ColumnDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }
}
