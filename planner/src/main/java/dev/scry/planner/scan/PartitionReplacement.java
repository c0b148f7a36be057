package dev.scry.planner.scan;

import dev.scry.planner.ErrorCode;
import dev.scry.planner.ScryException;
import dev.scry.planner.catalog.Locations;
import dev.scry.planner.catalog.TableDefinition;
import dev.scry.planner.spi.FileStore;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which of a managed table's data folder entries stay part of it when INSERT OVERWRITE replaces one
 * partition. An entry that holds the partition is split into its partition folders, down the path of
 * the replaced values only, so that everything but the replaced leaf folders stays listed; nothing is
 * moved or deleted, so the change is one catalog update.
 */
public final class PartitionReplacement {
  private final FileStore files;

  public PartitionReplacement(FileStore files) {
    this.files = Objects.requireNonNull(files, "files");
  }

  /** The entries that stay, and the leaf entries (relative to the table's location) replaced. */
  public record Result(List<String> kept, List<String> replaced) {
    public Result {
      kept = List.copyOf(kept);
      replaced = List.copyOf(replaced);
    }
  }

  /**
   * @param entries data folder entries relative to the table's location ({@code data-…} or {@code
   *     data-…/col=value/…})
   * @param values the replaced partition's value of each partition column, in the table's order
   */
  public Result replace(TableDefinition table, List<String> entries, List<String> values) {
    if (values.size() != table.partitionColumns().size()) {
      throw new IllegalArgumentException(
          values.size() + " values for " + table.partitionColumns().size() + " partition columns");
    }
    List<String> kept = new ArrayList<>();
    List<String> replaced = new ArrayList<>();
    for (String entry : entries) {
      String[] segments = entry.split("/");
      if (!fixedLevelsMatch(table, segments, values)) {
        kept.add(entry);
      } else if (segments.length - 1 == values.size()) {
        replaced.add(entry);
      } else {
        List<String> children = new ArrayList<>();
        if (split(table, entry, segments.length - 1, values, children, replaced)) {
          kept.addAll(children);
        } else {
          kept.add(entry);
        }
      }
    }
    return new Result(kept, replaced);
  }

  private static boolean fixedLevelsMatch(
      TableDefinition table, String[] segments, List<String> values) {
    for (int level = 0; level + 1 < segments.length && level < values.size(); level++) {
      String value =
          PartitionPruner.valueOf(segments[level + 1], table.partitionColumns().get(level));
      if (value == null || !sameValue(value, values.get(level))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Splits {@code entry} (which fixes {@code level} partition levels) into its child folders; returns
   * whether any folder below it was replaced (when none was, the entry can stay whole).
   */
  private boolean split(
      TableDefinition table,
      String entry,
      int level,
      List<String> values,
      List<String> kept,
      List<String> replaced) {
    String column = table.partitionColumns().get(level);
    boolean found = false;
    for (String folder : list(table, Locations.child(table.location(), entry))) {
      String name = folder.substring(0, folder.length() - 1);
      name = name.substring(name.lastIndexOf('/') + 1);
      String value = PartitionPruner.valueOf(name, column);
      String child = entry + "/" + name;
      if (value == null || !sameValue(value, values.get(level))) {
        kept.add(child);
      } else if (level + 1 == values.size()) {
        replaced.add(child);
        found = true;
      } else {
        found |= split(table, child, level + 1, values, kept, replaced);
      }
    }
    return found;
  }

  /** A folder's value as Spark wrote it against the PARTITION clause's value: equal, or equal numbers. */
  static boolean sameValue(String folderValue, String value) {
    String unescaped = PartitionValueCheck.unescape(folderValue);
    if (unescaped.equals(PartitionValueCheck.NULL_PARTITION)) {
      return false;
    }
    if (unescaped.equals(value) || unescaped.equalsIgnoreCase(value) && isBoolean(value)) {
      return true;
    }
    try {
      return new BigDecimal(unescaped).compareTo(new BigDecimal(value)) == 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean isBoolean(String value) {
    return "true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value);
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
}
