package dev.scry.engine.delta;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import dev.scry.engine.SparkTypes;
import dev.scry.engine.translate.DeferredDataset;
import dev.scry.engine.translate.ScanReader;
import dev.scry.planner.catalog.ColumnDefinition;
import dev.scry.planner.catalog.TableDefinition;
import dev.scry.planner.scan.LakeScanSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads a Delta table's current snapshot, or the earlier one a time-travel scan names: the log
 * (replayed when the statement runs) names the live files, Kernel keeps those the scan's pushed filters
 * may match (partition pruning and min/max skipping, {@link DeltaFilter}), and Spark reads exactly
 * those as Parquet, never a listing of the folder (which also holds superseded files). Partition values come from the log, one group of files per value set, each group
 * read with its values as constants. A file with a deletion vector is read on its own, without the rows
 * the vector deletes. Column mapping is refused, not ignored: reading such files as they are would
 * return NULL columns.
 */
public final class DeltaScanReader implements ScanReader {
  /** Spark's position of a row in its Parquet file, a hidden column of file sources. */
  private static final String ROW_INDEX = "_metadata.row_index";

  private final SparkSession spark;
  private final DeltaLogReader log;

  public DeltaScanReader(SparkSession spark, DeltaLogReader log) {
    this.spark = Objects.requireNonNull(spark, "spark");
    this.log = Objects.requireNonNull(log, "log");
  }

  @Override
  public Dataset<Row> read(LakeScanSpec scan) {
    return read(
        scan, scan.table().columns().stream().map(ColumnDefinition::name).toArray(String[]::new));
  }

  @Override
  public Dataset<Row> read(LakeScanSpec scan, String[] names) {
    return deferred(scan, names).toDataset();
  }

  @Override
  public DeferredDataset deferred(LakeScanSpec scan, String[] names) {
    TableDefinition table = scan.table();
    // Kernel prunes and skips files on the pushed filters; the Filter above still checks every row.
    DeltaSnapshot snapshot =
        log.snapshot(table.location(), scan.asOf(), DeltaFilter.of(table, scan.filters()));
    DeltaReadCheck.check(table, snapshot);
    StructType dataSchema = dataSchema(table);
    Map<Map<String, String>, List<String>> groups = new LinkedHashMap<>();
    List<DeferredDataset> parts = new ArrayList<>();
    for (DeltaFile file : snapshot.files()) {
      if (file.hasDeletionVector()) {
        parts.add(
            DeferredDataset.of(withoutDeletedRows(file, dataSchema, table.location()))
                .select(columns(table, scan, names, file.partitionValues())));
      } else {
        groups.computeIfAbsent(file.partitionValues(), k -> new ArrayList<>()).add(file.path());
      }
    }
    for (Map.Entry<Map<String, String>, List<String>> group : groups.entrySet()) {
      Dataset<Row> files =
          spark.read().schema(dataSchema).parquet(group.getValue().toArray(String[]::new));
      parts.add(DeferredDataset.of(files).select(columns(table, scan, names, group.getKey())));
    }
    if (parts.isEmpty()) {
      Dataset<Row> none = spark.createDataFrame(List.<Row>of(), dataSchema);
      parts.add(
          DeferredDataset.of(none).select(columns(table, scan, names, Map.<String, String>of())));
    }
    return DeferredDataset.union(parts);
  }

  /**
   * A file with a deletion vector, read on its own without the rows the vector deletes: Spark's Parquet
   * reader gives each row's position in the file ({@code _metadata.row_index}), which is what Delta's
   * deletion vectors count.
   */
  private Dataset<Row> withoutDeletedRows(DeltaFile file, StructType dataSchema, String location) {
    long[] deleted = log.deletedRows(location, file);
    Dataset<Row> rows = spark.read().schema(dataSchema).parquet(file.path());
    if (deleted.length == 0) {
      return rows;
    }
    Object[] positions = new Object[deleted.length];
    for (int i = 0; i < deleted.length; i++) {
      positions[i] = deleted[i];
    }
    return rows.where(not(col(ROW_INDEX).isin(positions)));
  }

  /** The columns held in the data files: all but the partition columns. */
  private static StructType dataSchema(TableDefinition table) {
    Set<String> partitions = lowerCase(table.partitionColumns());
    List<StructField> fields = new ArrayList<>();
    for (ColumnDefinition column : table.columns()) {
      if (!partitions.contains(column.name().toLowerCase(Locale.ROOT))) {
        fields.add(
            new StructField(
                column.name(), SparkTypes.toSpark(column.type()), true, Metadata.empty()));
      }
    }
    return new StructType(fields.toArray(StructField[]::new));
  }

  /**
   * The table's columns in catalog order, named {@code names}: file columns the scan uses, partition
   * columns as the group's values cast from the log's strings, NULL for columns nothing above reads.
   */
  private static Column[] columns(
      TableDefinition table, LakeScanSpec scan, String[] names, Map<String, String> values) {
    Set<String> partitions = lowerCase(table.partitionColumns());
    List<ColumnDefinition> columns = table.columns();
    Column[] selected = new Column[columns.size()];
    for (int i = 0; i < selected.length; i++) {
      ColumnDefinition column = columns.get(i);
      DataType type = SparkTypes.toSpark(column.type());
      Column value;
      if (!scan.columns().contains(i)) {
        value = lit(null).cast(type);
      } else if (partitions.contains(column.name().toLowerCase(Locale.ROOT))) {
        value = lit(partitionValue(values, column.name())).cast(type);
      } else {
        value = new Column("`" + column.name().replace("`", "``") + "`");
      }
      selected[i] = value.as(names[i]);
    }
    return selected;
  }

  /** The log's string for a partition column; Delta writes NULL as a missing or null value. */
  private static String partitionValue(Map<String, String> values, String column) {
    for (Map.Entry<String, String> entry : values.entrySet()) {
      if (entry.getKey().equalsIgnoreCase(column)) {
        return entry.getValue();
      }
    }
    return null;
  }

  private static Set<String> lowerCase(List<String> names) {
    Set<String> lower = new TreeSet<>();
    names.forEach(name -> lower.add(name.toLowerCase(Locale.ROOT)));
    return lower;
  }
}
