package dev.scry.engine.delta;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A data file a Delta write put in its table's folder, not yet in the log: its absolute path, size,
 * modification time, and partition values as its folder names give them (a NULL value as null).
 */
record WrittenFile(
    String path, long size, long modificationTime, Map<String, String> partitionValues) {
  WrittenFile {
    Objects.requireNonNull(path, "path");
    // Map.copyOf refuses null values, and a NULL partition value is null.
    partitionValues = Collections.unmodifiableMap(new LinkedHashMap<>(partitionValues));
  }
}
