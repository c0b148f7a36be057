package dev.scry.engine.delta;

import dev.scry.engine.storage.StorageFailure;
import dev.scry.planner.ErrorCode;
import dev.scry.planner.ScryException;
import dev.scry.planner.scan.TableVersion;
import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.KernelException;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

/**
 * Replays a Delta table's transaction log with Delta Kernel (delta-spark does not run on Spark 4.2:
 * docs/lake.md, "Delta"). Kernel reads the log through Hadoop's FileSystem with the session's Hadoop
 * configuration, so the lake's accounts and credentials apply as they do to Spark's reads.
 */
public final class DeltaLogReader {
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
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(asOf, "asOf");
    try {
      Table table = Table.forPath(engine, location);
      Snapshot snapshot;
      if (asOf.isEmpty()) {
        snapshot = table.getLatestSnapshot(engine);
      } else if (asOf.get().isNumber()) {
        snapshot = table.getSnapshotAsOfVersion(engine, asOf.get().version());
      } else {
        snapshot = table.getSnapshotAsOfTimestamp(engine, asOf.get().timestamp().toEpochMilli());
      }
      return describe(location, snapshot);
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
    } catch (IOException | RuntimeException e) {
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

  private DeltaSnapshot describe(String location, Snapshot snapshot) throws IOException {
    // Delta's schema string is Spark's own schema JSON, so Spark parses Kernel's rendering of it.
    StructType schema = (StructType) DataType.fromJson(snapshot.getSchema().toJson());
    return new DeltaSnapshot(
        location,
        snapshot.getVersion(),
        schema,
        snapshot.getPartitionColumnNames(),
        snapshot.getTableProperties(),
        liveFiles(snapshot.getScanBuilder().build()));
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
        InternalScanFileUtils.getDeletionVectorDescriptorFromRow(scanFile) != null);
  }
}
