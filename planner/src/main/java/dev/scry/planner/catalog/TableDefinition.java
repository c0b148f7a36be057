package dev.scry.planner.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A table in the catalog: where its files are, how they are stored, and its columns. {@code external}
 * tables only point at data; managed ones own their data under the warehouse. A managed table's rows are
 * the files of its {@code dataFolders} (names of folders under {@code location}, one per committed write):
 * a write lands in a new folder that readers ignore until the catalog lists it, so it becomes visible
 * in one step, and a failed write leaves nothing visible.
 */
public record TableDefinition(
    String schema,
    String name,
    TableFormat format,
    String location,
    Map<String, String> options,
    List<ColumnDefinition> columns,
    List<String> partitionColumns,
    boolean external,
    List<String> dataFolders) {
  /** A table whose rows are every file under its location (external tables). */
  public TableDefinition(
      String schema,
      String name,
      TableFormat format,
      String location,
      Map<String, String> options,
      List<ColumnDefinition> columns,
      List<String> partitionColumns,
      boolean external) {
    this(schema, name, format, location, options, columns, partitionColumns, external, List.of());
  }

  public TableDefinition {
    dataFolders = List.copyOf(dataFolders);
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(location, "location");
    options = Map.copyOf(options);
    columns = List.copyOf(columns);
    partitionColumns = List.copyOf(partitionColumns);
  }

  public TableDefinition withColumns(List<ColumnDefinition> newColumns) {
    return new TableDefinition(
        schema,
        name,
        format,
        location,
        options,
        newColumns,
        partitionColumns,
        external,
        dataFolders);
  }

  /** The same table with one more committed data folder. */
  public TableDefinition withDataFolder(String folderName) {
    List<String> folders = new ArrayList<>(dataFolders);
    folders.add(folderName);
    return new TableDefinition(
        schema, name, format, location, options, columns, partitionColumns, external, folders);
  }

  /** URIs of the folders holding the rows: the committed data folders of a managed table, else the location. */
  public List<String> readLocations() {
    if (external || dataFolders.isEmpty()) {
      return List.of(location);
    }
    return dataFolders.stream().map(f -> Locations.child(location, f)).toList();
  }

  public TableDefinition withSchemaName(String newSchema) {
    return new TableDefinition(
        newSchema,
        name,
        format,
        location,
        options,
        columns,
        partitionColumns,
        external,
        dataFolders);
  }

  public String qualifiedName() {
    return schema + "." + name;
  }
}
