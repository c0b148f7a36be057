package dev.scry.planner.scan;

import dev.scry.planner.catalog.DataFolder;
import java.util.List;
import java.util.Objects;

/**
 * One folder tree a scan reads: {@code basePath} is where Hive-style partition folder names start (a
 * table's location, or one committed data folder of a managed table), {@code folders} the folders under
 * it to list and read. An unpartitioned root reads itself ({@code folders} = [basePath]); a partitioned
 * one reads only the partition folders the planner kept, possibly none.
 */
public record ScanRoot(String basePath, List<String> folders) {
  public ScanRoot {
    Objects.requireNonNull(basePath, "basePath");
    folders = List.copyOf(folders);
  }

  /** The whole tree under {@code basePath}. */
  public static ScanRoot whole(String basePath) {
    return new ScanRoot(basePath, List.of(basePath));
  }

  /** The tree a table's data folder holds: itself, or one folder under its base. */
  public static ScanRoot of(DataFolder folder) {
    return folder.isWhole()
        ? whole(folder.basePath())
        : new ScanRoot(folder.basePath(), List.of(folder.path()));
  }

  public boolean isWhole() {
    return folders.size() == 1 && folders.get(0).equals(basePath);
  }
}
