package dev.scry.planner.catalog;

import java.util.Locale;

/** Formats a table can be stored as; the names are Spark's data source names in upper case. */
public enum TableFormat {
  PARQUET,
  CSV,
  JSON,
  /**
   * A Delta Lake table: its files, columns and partition columns are whatever its transaction log
   * ({@code _delta_log/}) says, never what a listing of its folder shows (which holds superseded and
   * deleted files too).
   */
  DELTA;

  /** Spark's data source name. */
  public String sparkSource() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * True when the table's transaction log, not its folders, says which files hold its rows: the
   * planner then neither lists nor prunes folders, and the reader's own log replay chooses the files.
   */
  public boolean hasLog() {
    return this == DELTA;
  }
}
