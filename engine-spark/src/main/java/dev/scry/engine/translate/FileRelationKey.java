package dev.scry.engine.translate;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.types.StructType;

/**
 * Everything that determines what Spark's file source resolves for one scan root: the source (parquet,
 * csv, json), the reader options, the schema handed to Spark, the partition base path and the folders
 * listed under it. Two scans with equal keys read the same files the same way, so they may share one
 * resolved relation (and its listing of the files).
 */
public record FileRelationKey(
    String source,
    Map<String, String> options,
    StructType schema,
    String basePath,
    List<String> folders) {
  public FileRelationKey {
    Objects.requireNonNull(source, "source");
    options = Map.copyOf(options);
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(basePath, "basePath");
    folders = List.copyOf(folders);
  }

  /** Whether the root is read whole (unpartitioned, or every partition) rather than as chosen folders. */
  public boolean isWhole() {
    return folders.size() == 1 && folders.get(0).equals(basePath);
  }
}
