package dev.scry.engine.delta;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.types.StructType;

/**
 * What one version of a Delta table's log says: its columns in table order (partition columns where
 * the schema puts them), which of them are partition columns, the table's properties, and its live
 * data files.
 */
public record DeltaSnapshot(
    String location,
    long version,
    StructType schema,
    List<String> partitionColumns,
    Map<String, String> properties,
    List<DeltaFile> files) {
  /** Table property naming the column mapping mode ({@code none}, {@code name} or {@code id}). */
  static final String COLUMN_MAPPING_MODE = "delta.columnMapping.mode";

  public DeltaSnapshot {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(schema, "schema");
    partitionColumns = List.copyOf(partitionColumns);
    properties = Map.copyOf(properties);
    files = List.copyOf(files);
  }

  /**
   * True when the data files' column names are the log's physical names rather than the table's
   * (column mapping mode {@code name} or {@code id}).
   */
  public boolean mapsColumns() {
    String mode = properties.getOrDefault(COLUMN_MAPPING_MODE, "none");
    return !"none".equalsIgnoreCase(mode);
  }

  /** The number of live files carrying a deletion vector. */
  public long filesWithDeletionVectors() {
    return files.stream().filter(DeltaFile::hasDeletionVector).count();
  }
}
