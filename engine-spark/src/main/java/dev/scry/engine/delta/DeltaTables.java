package dev.scry.engine.delta;

import dev.scry.engine.storage.SparkTableWriter;
import dev.scry.planner.QueryPlan;
import dev.scry.planner.catalog.TableDefinition;
import dev.scry.planner.scan.LakeScanSpec;
import dev.scry.planner.spi.LogTables;
import dev.scry.planner.spi.TableCommit;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.defaults.engine.hadoopio.HadoopFileIO;
import io.delta.kernel.engine.Engine;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * The engine's {@link LogTables} for Delta tables. Writes: Spark writes the rows and Delta Kernel
 * commits them (delta-spark does not run on Spark 4.2): the Kernel transaction is begun first (so a
 * table that exists, or a log Scry cannot write, fails before any work), Spark writes the rows as
 * Parquet into a staging folder of the table ({@link DeltaStaging}), the files move into the table's
 * partition folders, and one commit adds them with their footers' statistics. Until that commit nothing
 * of the write is in the log: a failed or killed write leaves the table at its previous version, its
 * files named by no commit. History: the commit files the log holds ({@link DeltaHistory}). EXPLAIN's
 * {@code files=[k of n]}: the log replayed at the scan's version, the files kept by the same
 * {@link DeltaFilter} that {@link DeltaScanReader} hands Kernel counted against all live files, when
 * EXPLAIN runs, so queries do not pay for it.
 */
public final class DeltaTables implements LogTables {
  private final Configuration hadoop;
  private final Engine engine;
  private final DeltaFileStats stats;
  private final SparkTableWriter writer;
  private final DeltaHistory history;
  private final DeltaLogReader log;

  /** {@code log} is the reader the gateway's scans use, so EXPLAIN counts as they select. */
  public DeltaTables(SparkSession spark, SparkTableWriter writer, DeltaLogReader log) {
    this.hadoop = spark.sparkContext().hadoopConfiguration();
    HadoopFileIO io = new HadoopFileIO(hadoop);
    this.engine = DefaultEngine.create(io);
    this.stats = new DeltaFileStats(io);
    this.writer = Objects.requireNonNull(writer, "writer");
    this.history = new DeltaHistory(hadoop);
    this.log = Objects.requireNonNull(log, "log");
  }

  @Override
  public long create(QueryPlan query, TableDefinition table) {
    return write(DeltaTransaction.create(engine, table), query, table);
  }

  @Override
  public long append(QueryPlan query, TableDefinition table) {
    return write(DeltaTransaction.append(engine, table), query, table);
  }

  @Override
  public List<TableCommit> history(TableDefinition table) {
    return history.read(table);
  }

  @Override
  public Optional<FileCount> count(LakeScanSpec scan) {
    if (!scan.table().format().hasLog()) {
      return Optional.empty();
    }
    return Optional.of(
        log.count(
            scan.table().location(), scan.asOf(), DeltaFilter.of(scan.table(), scan.filters())));
  }

  private long write(DeltaTransaction transaction, QueryPlan query, TableDefinition table) {
    DeltaStaging staging;
    try {
      staging = DeltaStaging.under(hadoop, table.location());
    } catch (IOException | RuntimeException e) {
      throw DeltaWriteErrors.of(table, e);
    }
    try {
      writer.writeParquet(query, table, staging.uri());
      List<WrittenFile> files;
      try {
        files = staging.publish();
      } catch (IOException e) {
        throw DeltaWriteErrors.of(table, e);
      }
      long rows = transaction.commit(files, stats);
      staging.cleanUp();
      return rows;
    } catch (RuntimeException e) {
      if (DeltaWriteErrors.commitMayExist(e)) {
        staging.cleanUp();
      } else {
        staging.abandon();
      }
      throw e;
    }
  }
}
