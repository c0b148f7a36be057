package dev.scry.planner.catalog;

/** File formats a table can be stored as; the names are Spark's data source names in upper case. */
public enum TableFormat {
  PARQUET, CSV, JSON;

  /** Spark's data source name. */
  public String sparkSource() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
