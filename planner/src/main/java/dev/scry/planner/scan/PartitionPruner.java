package dev.scry.planner.scan;

import dev.scry.planner.ErrorCode;
import dev.scry.planner.ScryException;
import dev.scry.planner.catalog.DataFolder;
import dev.scry.planner.catalog.TableDefinition;
import dev.scry.planner.spi.FileStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Chooses the partition folders of a table that a scan reads. It lists the Hive-style folders
 * ({@code column=value/}) level by level, one level per partition column, and lists below a folder only
 * when its value may satisfy the tests on that column, so pruned branches are never listed.
 */
final class PartitionPruner {
  private final FileStore files;

  PartitionPruner(FileStore files) {
    this.files = Objects.requireNonNull(files, "files");
  }

  /** The roots with their kept leaf folders, and the number of folders considered (kept or pruned). */
  record Selection(List<ScanRoot> roots, int total) {}

  Selection select(TableDefinition table, Map<String, List<PartitionValueCheck>> tests) {
    List<ScanRoot> roots = new ArrayList<>();
    int total = 0;
    for (DataFolder root : table.readFolders()) {
      List<String> columns = table.partitionColumns();
      if (!fixedLevelsMayMatch(root, columns, tests)) {
        total++;
        continue;
      }
      List<String> kept = List.of(root.path());
      for (String column :
          columns.subList(Math.min(root.depth(), columns.size()), columns.size())) {
        List<PartitionValueCheck> columnTests =
            tests.getOrDefault(column.toLowerCase(Locale.ROOT), List.of());
        List<String> next = new ArrayList<>();
        for (String parent : kept) {
          for (String folder : list(table, parent)) {
            String value = valueOf(folder, column);
            if (value == null) {
              continue;
            }
            if (columnTests.stream().allMatch(t -> t.mayMatch(value))) {
              next.add(folder);
            } else {
              total++;
            }
          }
        }
        kept = next;
      }
      total += kept.size();
      roots.add(new ScanRoot(root.basePath(), kept));
    }
    return new Selection(roots, total);
  }

  /** Whether the partition values a data folder entry fixes in its path may satisfy the tests. */
  private static boolean fixedLevelsMayMatch(
      DataFolder folder, List<String> columns, Map<String, List<PartitionValueCheck>> tests) {
    String[] segments = folder.path().substring(folder.basePath().length()).split("/");
    int level = 0;
    for (String segment : segments) {
      if (segment.isEmpty() || level >= columns.size()) {
        continue;
      }
      String column = columns.get(level++);
      String value = valueOf(segment, column);
      List<PartitionValueCheck> columnTests =
          tests.getOrDefault(column.toLowerCase(Locale.ROOT), List.of());
      if (value != null && !columnTests.stream().allMatch(t -> t.mayMatch(value))) {
        return false;
      }
    }
    return true;
  }

  private List<String> list(TableDefinition table, String folder) {
    try {
      return files.listFolders(folder);
    } catch (IOException e) {
      throw new ScryException(
          ErrorCode.STORAGE,
          "Cannot list the partitions of table "
              + table.qualifiedName()
              + " under "
              + folder
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /** The value in a folder URI ending in {@code column=value/}, or null when the folder is not for that column. */
  static String valueOf(String folderUri, String column) {
    String trimmed =
        folderUri.endsWith("/") ? folderUri.substring(0, folderUri.length() - 1) : folderUri;
    String name = trimmed.substring(trimmed.lastIndexOf('/') + 1);
    int eq = name.indexOf('=');
    if (eq <= 0 || !name.substring(0, eq).equalsIgnoreCase(column)) {
      return null;
    }
    return name.substring(eq + 1);
  }
}
