package dev.scry.engine.delta;

import io.delta.kernel.internal.actions.DeletionVectorDescriptor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One live data file of a Delta snapshot: its absolute URI, size, the partition values the log records
 * for it (as the log writes them: strings, a missing or null value meaning NULL), and the deletion
 * vector that marks some of its rows as deleted, if any (loaded only when the file is read, {@link
 * DeltaLogReader#deletedRows}).
 */
public record DeltaFile(
    String path,
    long size,
    Map<String, String> partitionValues,
    Optional<DeletionVectorDescriptor> deletionVector) {
  public DeltaFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(deletionVector, "deletionVector");
    // Map.copyOf refuses null values, and the log writes NULL partitions as null.
    partitionValues = Collections.unmodifiableMap(new LinkedHashMap<>(partitionValues));
  }

  public boolean hasDeletionVector() {
    return deletionVector.isPresent();
  }

  /** How many rows the deletion vector marks as deleted (0 without one). */
  public long deletedRowCount() {
    return deletionVector.map(DeletionVectorDescriptor::getCardinality).orElse(0L);
  }
}
