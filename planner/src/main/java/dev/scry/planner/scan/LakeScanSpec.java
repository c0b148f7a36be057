package dev.scry.planner.scan;

import dev.scry.planner.catalog.TableDefinition;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.IntStream;

/**
 * What one table scan reads, decided once by the planner and used both by EXPLAIN and by the engine, so
 * that what EXPLAIN shows is what runs: the table, the positions of the columns the query uses, the
 * filters the source evaluates, and the folders to list and read. {@code partitionsTotal} is the number of
 * partition folders the table has (empty for an unpartitioned table); the kept ones are the roots' folders.
 * {@code asOf} is the earlier version a time-travel query reads (empty: the current one).
 */
public record LakeScanSpec(
    TableDefinition table,
    List<Integer> columns,
    List<PushedFilter> filters,
    List<ScanRoot> roots,
    OptionalInt partitionsTotal,
    Optional<TableVersion> asOf) {
  /** A scan of the table's current state. */
  public LakeScanSpec(
      TableDefinition table,
      List<Integer> columns,
      List<PushedFilter> filters,
      List<ScanRoot> roots,
      OptionalInt partitionsTotal) {
    this(table, columns, filters, roots, partitionsTotal, Optional.empty());
  }

  public LakeScanSpec {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(asOf, "asOf");
    columns = List.copyOf(columns);
    filters = List.copyOf(filters);
    roots = List.copyOf(roots);
    Objects.requireNonNull(partitionsTotal, "partitionsTotal");
    for (int column : columns) {
      if (column < 0 || column >= table.columns().size()) {
        throw new IllegalArgumentException(
            "Column position " + column + " is not in table " + table.qualifiedName());
      }
    }
  }

  /** Every column and every file of the table, nothing pushed (plans built without the planner's pushdown). */
  public static LakeScanSpec whole(TableDefinition table) {
    return new LakeScanSpec(
        table,
        IntStream.range(0, table.columns().size()).boxed().toList(),
        List.of(),
        table.readFolders().stream().map(ScanRoot::of).toList(),
        OptionalInt.empty());
  }

  /** The same scan reading only the columns at {@code positions}. */
  public LakeScanSpec withColumns(List<Integer> positions) {
    return new LakeScanSpec(table, positions, filters, roots, partitionsTotal, asOf);
  }

  /** The same scan reading the table as it was at {@code version}. */
  public LakeScanSpec asOf(TableVersion version) {
    return new LakeScanSpec(table, columns, filters, roots, partitionsTotal, Optional.of(version));
  }

  /** The partition folders kept (for a partitioned table). */
  public int partitionsKept() {
    return roots.stream().mapToInt(r -> r.folders().size()).sum();
  }

  public List<String> columnNames() {
    return columns.stream().map(i -> table.columns().get(i).name()).toList();
  }

  /** The EXPLAIN line for this scan. */
  public String describe() {
    StringBuilder line =
        new StringBuilder("scan ")
            .append(table.qualifiedName())
            .append(": columns [")
            .append(String.join(", ", columnNames()))
            .append("]; pushed filters [")
            .append(String.join(", ", filters.stream().map(PushedFilter::text).toList()))
            .append("]");
    partitionsTotal.ifPresent(
        total ->
            line.append("; partitions ").append(partitionsKept()).append(" of ").append(total));
    asOf.ifPresent(version -> line.append("; as of ").append(version.describe()));
    return line.toString();
  }
}
