package dev.scry.engine.delta;

import dev.scry.engine.storage.StorageFailure;
import dev.scry.planner.ErrorCode;
import dev.scry.planner.ScryException;
import dev.scry.planner.scan.TableVersion;
import dev.scry.planner.spi.LogTables;
import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.KernelException;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.deletionvectors.DeletionVectorUtils;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a Delta table's transaction log with Delta Kernel (delta-spark does not run on Spark 4.2:
 * docs/lake.md, "Delta"). Kernel reads the log through Hadoop's FileSystem with the session's Hadoop
 * configuration, so the lake's accounts and credentials apply as they do to Spark's reads. One reader
 * serves a gateway: its scans, its schema inference and its EXPLAIN counts.
 */
public final class DeltaLogReader {
  private static final Logger LOG = LoggerFactory.getLogger(DeltaLogReader.class);

  private final Engine engine;

  public DeltaLogReader(Configuration hadoop) {
    this.engine = DefaultEngine.create(Objects.requireNonNull(hadoop, "hadoop"));
  }

  /** The table's latest snapshot and its live files. */
  public DeltaSnapshot latest(String location) {
    return snapshot(location, Optional.empty());
  }

  /** The snapshot at {@code asOf} (the latest when empty) and its live files. */
  public DeltaSnapshot snapshot(String location, Optional<TableVersion> asOf) {
    return snapshot(location, asOf, DeltaFilter.NONE);
  }

  /**
   * The snapshot at {@code asOf} (the latest when empty) with the live files that {@code filter} may
   * match: Kernel prunes partitions on the log's partition values and skips files whose statistics
   * rule the filter out. A file without statistics is kept.
   */
  public DeltaSnapshot snapshot(String location, Optional<TableVersion> asOf, DeltaFilter filter) {
    Objects.requireNonNull(filter, "filter");
    Snapshot snapshot = load(location, asOf);
    try {
      return describe(location, snapshot, files(location, snapshot, filter));
    } catch (IOException | RuntimeException e) {
      throw failure(location, e);
    }
  }

  /** How many of the live files at {@code asOf} a scan with {@code filter} reads (for EXPLAIN). */
  public LogTables.FileCount count(
      String location, Optional<TableVersion> asOf, DeltaFilter filter) {
    Objects.requireNonNull(filter, "filter");
    Snapshot snapshot = load(location, asOf);
    try {
      long live = liveFiles(snapshot.getScanBuilder().build()).size();
      long read = filter.isEmpty() ? live : files(location, snapshot, filter).size();
      return new LogTables.FileCount(read, live);
    } catch (IOException | RuntimeException e) {
      throw failure(location, e);
    }
  }

  /** The files of {@code snapshot} that {@code filter} may match. */
  private List<DeltaFile> files(String location, Snapshot snapshot, DeltaFilter filter)
      throws IOException {
    Optional<Predicate> predicate = filter.predicate(snapshot.getSchema());
    if (predicate.isEmpty()) {
      return liveFiles(snapshot.getScanBuilder().build());
    }
    try {
      return liveFiles(snapshot.getScanBuilder().withFilter(predicate.get()).build());
    } catch (KernelException | IllegalArgumentException | UnsupportedOperationException e) {
      // Kernel refused the predicate (a type or operator it does not evaluate): read every live
      // file rather than fail; the Filter above the scan still applies the conditions.
      LOG.warn(
          "Delta Kernel could not prune the files of {} with {}; reading every live file",
          location,
          predicate.get(),
          e);
      return liveFiles(snapshot.getScanBuilder().build());
    }
  }

  /** Kernel's snapshot at {@code asOf} (the latest when empty); its errors told in words. */
  private Snapshot load(String location, Optional<TableVersion> asOf) {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(asOf, "asOf");
    try {
      Table table = Table.forPath(engine, location);
      if (asOf.isEmpty()) {
        return table.getLatestSnapshot(engine);
      } else if (asOf.get().isNumber()) {
        return table.getSnapshotAsOfVersion(engine, asOf.get().version());
      } else {
        return table.getSnapshotAsOfTimestamp(engine, asOf.get().timestamp().toEpochMilli());
      }
    } catch (TableNotFoundException e) {
      throw new ScryException(
          ErrorCode.SEMANTIC,
          "'"
              + location
              + "' holds no Delta table (no _delta_log folder); check the location or use STORED AS"
              + " PARQUET",
          e);
    } catch (KernelException e) {
      if (asOf.isPresent()) {
        // Kernel's sentence names the version or time asked for and the versions there are.
        throw new ScryException(
            ErrorCode.SEMANTIC,
            "Cannot read the Delta table at '"
                + location
                + "' as of "
                + asOf.get().describe()
                + ": "
                + e.getMessage(),
            e);
      }
      throw failure(location, e);
    } catch (RuntimeException e) {
      throw failure(location, e);
    }
  }

  /** A storage fault told in words ({@link StorageFailure}); anything else points to the log. */
  private static RuntimeException failure(String location, Exception e) {
    if (e instanceof ScryException scry) {
      return scry;
    }
    return StorageFailure.find(e, location)
        .<RuntimeException>map(
            failure -> new ScryException(ErrorCode.STORAGE, failure.message(), e))
        .orElseGet(
            () ->
                new ScryException(
                    ErrorCode.SEMANTIC,
                    "Cannot read the Delta log of '" + location + "'; see the gateway log",
                    e));
  }

  private static DeltaSnapshot describe(String location, Snapshot snapshot, List<DeltaFile> files) {
    // Delta's schema string is Spark's own schema JSON, so Spark parses Kernel's rendering of it.
    StructType schema = (StructType) DataType.fromJson(snapshot.getSchema().toJson());
    return new DeltaSnapshot(
        location,
        snapshot.getVersion(),
        schema,
        snapshot.getPartitionColumnNames(),
        snapshot.getTableProperties(),
        files);
  }

  /** The add actions that survive the log's replay: the snapshot's files, nothing superseded. */
  private List<DeltaFile> liveFiles(Scan scan) throws IOException {
    List<DeltaFile> files = new ArrayList<>();
    try (CloseableIterator<FilteredColumnarBatch> batches = scan.getScanFiles(engine)) {
      while (batches.hasNext()) {
        try (CloseableIterator<Row> rows = batches.next().getRows()) {
          while (rows.hasNext()) {
            files.add(file(rows.next()));
          }
        }
      }
    }
    return files;
  }

  // Kernel's scan-file rows are read with its InternalScanFileUtils, as Kernel's own readers do.
  private static DeltaFile file(Row scanFile) {
    FileStatus status = InternalScanFileUtils.getAddFileStatus(scanFile);
    return new DeltaFile(
        status.getPath(),
        status.getSize(),
        InternalScanFileUtils.getPartitionValues(scanFile),
        Optional.ofNullable(InternalScanFileUtils.getDeletionVectorDescriptorFromRow(scanFile)));
  }

  /**
   * The positions (0-based, in the file's row order) of the rows the file's deletion vector deletes,
   * in ascending order; none without one. Kernel loads the vector: inline in the log, or from its
   * {@code .bin} file (next to the table or at an absolute path) through Hadoop's FileSystem.
   */
  public long[] deletedRows(String location, DeltaFile file) {
    if (file.deletionVector().isEmpty()) {
      return new long[0];
    }
    try {
      long[] rows =
          DeletionVectorUtils.loadNewDvAndBitmap(engine, location, file.deletionVector().get())
              ._2
              .toArray();
      Arrays.sort(rows);
      return rows;
    } catch (RuntimeException e) {
      String what =
          "Cannot read the deletion vector of '"
              + file.path()
              + "' in the Delta table at '"
              + location
              + "'";
      throw StorageFailure.find(e, location)
          .<RuntimeException>map(
              failure -> new ScryException(ErrorCode.STORAGE, what + ": " + failure.message(), e))
          .orElseGet(
              () -> new ScryException(ErrorCode.SEMANTIC, what + "; see the gateway log", e));
    }
  }
}
