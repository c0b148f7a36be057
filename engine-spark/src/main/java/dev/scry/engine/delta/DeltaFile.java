package dev.scry.engine.delta;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One live data file of a Delta snapshot: its absolute URI, size, the partition values the log records
 * for it (as the log writes them: strings, a missing or null value meaning NULL), and whether a
 * deletion vector marks some of its rows as deleted.
 */
public record DeltaFile(
    String path, long size, Map<String, String> partitionValues, boolean hasDeletionVector) {
  public DeltaFile {
    Objects.requireNonNull(path, "path");
    // Map.copyOf refuses null values, and the log writes NULL partitions as null.
    partitionValues = Collections.unmodifiableMap(new LinkedHashMap<>(partitionValues));
  }
}
