package dev.scry.planner.catalog;

import java.util.Objects;

/**
 * One folder of a table's rows. {@code basePath} is where Hive-style partition folder names start (an
 * external table's location, or a managed table's committed data folder); {@code path} is the folder
 * itself, the base or, after a partition was overwritten, a partition folder under it that stays part
 * of the table; {@code depth} is how many partition levels {@code path} already fixes.
 */
public record DataFolder(String basePath, String path, int depth) {
  public DataFolder {
    Objects.requireNonNull(basePath, "basePath");
    Objects.requireNonNull(path, "path");
    if (depth < 0) {
      throw new IllegalArgumentException("depth " + depth);
    }
  }

  /** The whole tree under {@code basePath}. */
  public static DataFolder whole(String basePath) {
    return new DataFolder(basePath, basePath, 0);
  }

  public boolean isWhole() {
    return depth == 0 && path.equals(basePath);
  }
}
