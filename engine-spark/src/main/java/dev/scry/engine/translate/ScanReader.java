package dev.scry.engine.translate;

import dev.scry.planner.catalog.TableDefinition;
import dev.scry.planner.scan.LakeScanSpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Reads a lake table scan into a Dataset whose columns are the table's columns, in the table's order:
 * exactly the folders, columns and filters of the planner's {@link LakeScanSpec} (columns outside the
 * spec are NULL). Injected so that table formats can be added without touching the plan translation.
 */
public interface ScanReader {
  Dataset<Row> read(LakeScanSpec scan);

  /**
   * As {@link #read(LakeScanSpec)}, the columns renamed to {@code names} (one per table column).
   * Readers that select the columns anyway should name them there: every Dataset operation costs one
   * more run of Spark's analyzer.
   */
  default Dataset<Row> read(LakeScanSpec scan, String[] names) {
    return read(scan).toDF(names);
  }

  /**
   * As {@link #read(LakeScanSpec, String[])}, its last steps not yet analyzed: the query's operators
   * stacked on it are then analyzed together with them, once.
   */
  default DeferredDataset deferred(LakeScanSpec scan, String[] names) {
    return DeferredDataset.of(read(scan, names));
  }

  /** The whole table: every column and file. */
  default Dataset<Row> read(TableDefinition table) {
    return read(LakeScanSpec.whole(table));
  }
}
