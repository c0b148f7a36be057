package dev.scry.planner.scan;

import dev.scry.planner.catalog.TableDefinition;
import dev.scry.planner.spi.FileStore;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.apache.calcite.rex.RexNode;

/**
 * Makes the {@link LakeScanSpec} of a scan from the conjuncts of the filter on it, in the spirit of a
 * connector's applyFilter: the conjuncts a file source evaluates are pushed, and those on partition
 * columns prune the folders to read (listed through {@code files} while planning). Every column is read;
 * the plan above decides which are used ({@link LakeScanSpec#withColumns}).
 */
public final class LakeScanSpecs {
  private final PartitionPruner pruner;

  public LakeScanSpecs(FileStore files) {
    this.pruner = new PartitionPruner(files);
  }

  /** {@code conjuncts} refer to the table's columns by position; an empty list reads every folder. */
  public LakeScanSpec of(TableDefinition table, List<RexNode> conjuncts) {
    SourceFilters filters = SourceFilters.of(table, conjuncts);
    List<ScanRoot> roots;
    OptionalInt total;
    // A table with a log (Delta) is read as its log says: its folders are never listed or pruned
    // here.
    if (table.partitionColumns().isEmpty() || table.format().hasLog()) {
      roots = table.readFolders().stream().map(ScanRoot::of).toList();
      total = OptionalInt.empty();
    } else {
      PartitionPruner.Selection selection = pruner.select(table, filters.partitionTests());
      roots = selection.roots();
      total = OptionalInt.of(selection.total());
    }
    List<Integer> columns = IntStream.range(0, table.columns().size()).boxed().toList();
    return new LakeScanSpec(table, columns, filters.pushed(), roots, total);
  }
}
