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

  public TableDefinition withPartitionColumns(List<String> newPartitionColumns) {
    return new TableDefinition(
        schema,
        name,
        format,
        location,
        options,
        columns,
        newPartitionColumns,
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

  /** The same table with {@code folders} as its committed data folders. */
  public TableDefinition withDataFolders(List<String> folders) {
    return new TableDefinition(
        schema, name, format, location, options, columns, partitionColumns, external, folders);
  }

  /**
   * The folders holding the rows: an external table's location, and a Delta table's (its log names
   * the files); a managed table's committed data folders, none while it is empty. A data folder
   * entry may name a partition folder under a data folder ({@code data-…/region=eu}): what is left
   * of an older write after INSERT OVERWRITE replaced one of its partitions.
   */
  public List<DataFolder> readFolders() {
    // A Delta table's files are under its location, chosen by its log, managed or not.
    if (external || format.hasLog()) {
      return List.of(DataFolder.whole(location));
    }
    List<DataFolder> folders = new ArrayList<>();
    for (String entry : dataFolders) {
      String[] parts = entry.split("/");
      folders.add(
          new DataFolder(
              Locations.child(location, parts[0]),
              Locations.child(location, entry),
              parts.length - 1));
    }
    return folders;
  }

  /** URIs of the folders holding the rows ({@link #readFolders}). */
  public List<String> readLocations() {
    return readFolders().stream().map(DataFolder::path).toList();
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
