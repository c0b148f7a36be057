package dev.scry.planner.scan;

import java.time.Instant;

/**
 * An earlier state of a table with a log (Delta time travel): either a version number of the log or
 * the latest version committed at or before an instant.
 */
public record TableVersion(Long version, Instant timestamp) {
  public TableVersion {
    if ((version == null) == (timestamp == null)) {
      throw new IllegalArgumentException("A table version is a version number or a timestamp");
    }
    if (version != null && version < 0) {
      throw new IllegalArgumentException("A table version is not negative: " + version);
    }
  }

  public static TableVersion number(long version) {
    return new TableVersion(version, null);
  }

  public static TableVersion at(Instant timestamp) {
    return new TableVersion(null, timestamp);
  }

  public boolean isNumber() {
    return version != null;
  }

  /** As EXPLAIN shows it. */
  public String describe() {
    return isNumber() ? "version " + version : "timestamp " + timestamp;
  }
}
