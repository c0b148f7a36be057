package dev.scry.planner.spi;

import dev.scry.planner.QueryPlan;
import dev.scry.planner.catalog.TableDefinition;
import dev.scry.planner.scan.LakeScanSpec;
import java.util.List;
import java.util.Optional;

/**
 * Tables whose transaction log, not the catalog, says which files hold their rows (Delta Lake), as the
 * engine reads and writes them: it writes a query's rows as data files and adds them to the log in one
 * commit, so a write that fails or is killed before that commit adds nothing, and readers see the table
 * before or after it. The planner cannot answer from the files itself: a table's folder also holds
 * superseded files, and only the log says which are live.
 */
public interface LogTables {
  /**
   * Creates the table at its location from the query's rows: the log's first version holds its schema,
   * partition columns and data files.
   *
   * @return the number of rows written
   */
  long create(QueryPlan query, TableDefinition table);

  /**
   * Appends the query's rows (every table column, in order) as the log's next version.
   *
   * @return the number of rows written
   */
  long append(QueryPlan query, TableDefinition table);

  /** The table's commits that its log still holds, newest first. */
  List<TableCommit> history(TableDefinition table);

  /**
   * For EXPLAIN, the data files a scan reads: the live files the log names at the scan's version that
   * survive pruning and skipping on the scan's pushed filters, of all live files, selected as the
   * engine's reader selects them when the statement runs. Empty when the table has no log or the count
   * is not known.
   */
  Optional<FileCount> count(LakeScanSpec scan);

  /** {@code read} of the {@code live} data files of one version. */
  record FileCount(long read, long live) {
    public FileCount {
      if (read < 0 || read > live) {
        throw new IllegalArgumentException("read " + read + " of " + live + " files");
      }
    }
  }
}
