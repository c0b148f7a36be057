package dev.scry.planner.catalog;

import java.util.Locale;

/** File formats a table can be stored as; the names are Spark's data source names in upper case. */
public enum TableFormat {
  PARQUET,
  CSV,
  JSON;

  /** Spark's data source name. */
  public String sparkSource() {
    return name().toLowerCase(Locale.ROOT);
  }
}
