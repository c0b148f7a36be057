package dev.scry.planner.spi;

import dev.scry.planner.scan.LakeScanSpec;
import java.util.Optional;

/**
 * Counts, for EXPLAIN, the data files a scan of a table with a log (Delta) reads: the live files the
 * log names at the scan's version that survive pruning and skipping on the scan's pushed filters, of
 * all live files. The engine implements it with the same selection its reader makes when the statement
 * runs, so the count is what a run at that version reads. The planner cannot count them itself: the
 * folder also holds superseded files, and only the log says which are live.
 */
public interface LogFileCounter {
  /** Counts nothing: for planners without an engine (tests of the planner alone). */
  LogFileCounter NONE = scan -> Optional.empty();

  /** Files read of live files; empty when the table has no log or the count is not known. */
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
