package dev.scry.planner.catalog;

import java.util.List;
import java.util.Objects;

/**
 * A view: its SQL, kept as written and expanded into every query that reads it (so push-down, pruning
 * and PREDICT's trimming see through it), and the columns it had when it was made. Unqualified names in
 * its SQL are resolved in {@code resolvedIn}, the session's schema when the view was created, as they
 * were then; a PREDICT that names a model without a version scores with the model's latest version at
 * the time of each query.
 */
public record ViewDefinition(
    String schema, String name, String sql, String resolvedIn, List<ColumnDefinition> columns) {
  public ViewDefinition {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(resolvedIn, "resolvedIn");
    columns = List.copyOf(columns);
  }

  public String qualifiedName() {
    return schema + "." + name;
  }

  ViewDefinition withSchemaName(String schemaName) {
    return new ViewDefinition(schemaName, name, sql, resolvedIn, columns);
  }
}
