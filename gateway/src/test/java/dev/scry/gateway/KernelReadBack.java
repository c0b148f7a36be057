package dev.scry.gateway;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/**
 * A Delta table read with Delta Kernel alone: its log replay, its own Parquet reader and its own
 * partition values, none of Scry's reading code. Tests check Scry's Delta writes against it as a
 * second implementation of the protocol.
 */
record KernelReadBack(
    long version, List<String> partitionColumns, List<String> files, List<String> rows) {

  /** The latest snapshot at {@code location}; rows as sorted "[a, b, c]" lines in schema order. */
  static KernelReadBack read(Configuration hadoop, String location) throws IOException {
    Engine engine = DefaultEngine.create(hadoop);
    Snapshot snapshot = Table.forPath(engine, location).getLatestSnapshot(engine);
    Scan scan = snapshot.getScanBuilder().build();
    Row scanState = scan.getScanState(engine);
    StructType logical = ScanStateRow.getLogicalSchema(scanState);
    StructType physical = ScanStateRow.getPhysicalDataReadSchema(scanState);
    List<String> files = new ArrayList<>();
    List<String> rows = new ArrayList<>();
    try (CloseableIterator<FilteredColumnarBatch> scanFiles = scan.getScanFiles(engine)) {
      while (scanFiles.hasNext()) {
        try (CloseableIterator<Row> entries = scanFiles.next().getRows()) {
          while (entries.hasNext()) {
            Row scanFile = entries.next();
            FileStatus file = InternalScanFileUtils.getAddFileStatus(scanFile);
            files.add(file.getPath());
            CloseableIterator<ColumnarBatch> data =
                engine
                    .getParquetHandler()
                    .readParquetFiles(
                        Utils.singletonCloseableIterator(file), physical, Optional.empty())
                    .map(FileReadResult::getData);
            try (CloseableIterator<FilteredColumnarBatch> batches =
                Scan.transformPhysicalData(engine, scanState, scanFile, data)) {
              while (batches.hasNext()) {
                try (CloseableIterator<Row> batchRows = batches.next().getRows()) {
                  while (batchRows.hasNext()) {
                    rows.add(line(logical, batchRows.next()));
                  }
                }
              }
            }
          }
        }
      }
    }
    rows.sort(null);
    files.sort(null);
    return new KernelReadBack(
        snapshot.getVersion(), snapshot.getPartitionColumnNames(), files, rows);
  }

  private static String line(StructType schema, Row row) {
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < schema.length(); i++) {
      values.add(value(schema.at(i).getDataType(), row, i));
    }
    return values.toString();
  }

  private static Object value(DataType type, Row row, int i) {
    if (row.isNullAt(i)) {
      return null;
    }
    if (type instanceof LongType) {
      return row.getLong(i);
    } else if (type instanceof IntegerType) {
      return row.getInt(i);
    } else if (type instanceof DoubleType) {
      return row.getDouble(i);
    } else if (type instanceof StringType) {
      return row.getString(i);
    }
    throw new IllegalArgumentException("No reader for " + type + " in this test helper");
  }
}
