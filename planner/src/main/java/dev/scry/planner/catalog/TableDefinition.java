package dev.scry.planner.catalog;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A table in the catalog: where its files are, how they are stored, and its columns. {@code external}
 * tables only point at data; managed ones own their data under the warehouse.
 */
public record TableDefinition(String schema, String name, TableFormat format, String location,
    Map<String, String> options, List<ColumnDefinition> columns, List<String> partitionColumns,
    boolean external) {
  public TableDefinition {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(location, "location");
    options = Map.copyOf(options);
    columns = List.copyOf(columns);
    partitionColumns = List.copyOf(partitionColumns);
  }

  public TableDefinition withColumns(List<ColumnDefinition> newColumns) {
    return new TableDefinition(schema, name, format, location, options, newColumns, partitionColumns, external);
  }

  public TableDefinition withSchemaName(String newSchema) {
    return new TableDefinition(newSchema, name, format, location, options, columns, partitionColumns, external);
  }

  public String qualifiedName() {
    return schema + "." + name;
  }
}
