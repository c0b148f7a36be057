package dev.scry.engine.translate;

import static org.apache.spark.sql.functions.lit;

import dev.scry.engine.SparkTypes;
import dev.scry.engine.delta.DeltaLogReader;
import dev.scry.engine.delta.DeltaScanReader;
import dev.scry.engine.storage.StorageFailure;
import dev.scry.planner.ErrorCode;
import dev.scry.planner.ScryException;
import dev.scry.planner.catalog.ColumnDefinition;
import dev.scry.planner.catalog.TableDefinition;
import dev.scry.planner.scan.LakeScanSpec;
import dev.scry.planner.scan.ScanRoot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.execution.datasources.PartitioningAwareFileIndex;
import org.apache.spark.sql.types.StructType;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Reads a table's PARQUET, CSV or JSON files with Spark's file sources, as the planner's scan spec says.
 * The schema comes from the catalog's columns, so Spark never re-infers it (which would cost a pass over
 * the data and could disagree with the types the query was planned with). Only the spec's folders are
 * handed to Spark: for a partitioned table, the kept partition folders with the table's root as
 * {@code basePath}, so Spark lists nothing else and still takes the partition values from the names.
 * Each folder set's resolved relation is kept in a {@link FileRelationCache}: resolving and listing it was
 * the largest part of a short query's time.
 */
public final class FileScanReader implements ScanReader {
  private final SparkSession spark;
  private final FileRelationCache relations;
  private final ScanReader logTables;

  /** {@code logTables} reads the tables whose log names their files (Delta). */
  public FileScanReader(SparkSession spark, FileRelationCache relations, ScanReader logTables) {
    this.spark = Objects.requireNonNull(spark, "spark");
    this.relations = Objects.requireNonNull(relations, "relations");
    this.logTables = Objects.requireNonNull(logTables, "logTables");
  }

  public FileScanReader(SparkSession spark, FileRelationCache relations) {
    this(spark, relations, new DeltaScanReader(spark, new DeltaLogReader(hadoop(spark))));
  }

  /** A reader keeping resolved relations as the Spark settings of {@link RelationCachePolicy} say. */
  public FileScanReader(SparkSession spark) {
    this(spark, new FileRelationCache(RelationCachePolicy.fromSpark(spark)));
  }

  private static Configuration hadoop(SparkSession spark) {
    return spark.sparkContext().hadoopConfiguration();
  }

  /**
   * Each root (a managed table's data folder) is read on its own and the results unioned: Spark refuses
   * several roots in one load when they hold partition folders.
   */
  @Override
  public Dataset<Row> read(LakeScanSpec scan) {
    return read(
        scan, scan.table().columns().stream().map(ColumnDefinition::name).toArray(String[]::new));
  }

  /** Names the columns in the select that puts them in catalog order: no extra Dataset for a rename. */
  @Override
  public Dataset<Row> read(LakeScanSpec scan, String[] names) {
    return deferred(scan, names).toDataset();
  }

  /** The kept relation of each root, its columns ordered and named: nothing analyzed yet. */
  @Override
  public DeferredDataset deferred(LakeScanSpec scan, String[] names) {
    TableDefinition table = scan.table();
    if (table.format().hasLog()) {
      return logTables.deferred(scan, names);
    }
    if (names.length != table.columns().size()) {
      throw new IllegalArgumentException(
          "Table "
              + table.qualifiedName()
              + " has "
              + table.columns().size()
              + " columns; "
              + names.length
              + " names given");
    }
    StructType schema = SparkTypes.toSchema(table.columns());
    List<DeferredDataset> roots = new ArrayList<>();
    for (ScanRoot root : oneRelationPerTable(scan)) {
      if (!root.folders().isEmpty()) {
        roots.add(inCatalogOrder(load(table, schema, root), scan, names));
      }
    }
    if (roots.isEmpty()) {
      // Every partition pruned: no rows, and Spark lists nothing.
      roots.add(inCatalogOrder(spark.createDataFrame(List.<Row>of(), schema), scan, names));
    }
    return DeferredDataset.union(roots);
  }

  /**
   * The files {@code scan} reads, from the same kept relations a query over it uses (loading them as a
   * query would when they are missing or stale): one listing per table folder set per TTL. Empty for a
   * table whose log names its files (Delta), when relations are not kept, or when Spark's relation does
   * not list its files in memory.
   */
  public Optional<ScanFiles> listedFiles(LakeScanSpec scan) {
    TableDefinition table = scan.table();
    if (table.format().hasLog() || !relations.enabled()) {
      return Optional.empty();
    }
    StructType schema = SparkTypes.toSchema(table.columns());
    List<String> lines = new ArrayList<>();
    Map<FileRelationKey, Dataset<Row>> used = new LinkedHashMap<>();
    for (ScanRoot root : oneRelationPerTable(scan)) {
      if (root.folders().isEmpty()) {
        continue;
      }
      FileRelationKey key = keyOf(table, schema, root);
      Dataset<Row> relation = relations.get(key, this::load);
      Optional<Seq<FileStatus>> files = filesOf(relation);
      if (files.isEmpty()) {
        return Optional.empty();
      }
      for (FileStatus file : CollectionConverters.asJava(files.get())) {
        lines.add(file.getPath() + " " + file.getLen() + " " + file.getModificationTime());
      }
      used.put(key, relation);
    }
    lines.sort(null);
    return Optional.of(
        new ScanFiles(
            lines,
            () ->
                used.entrySet().stream().allMatch(e -> relations.holds(e.getKey(), e.getValue()))));
  }

  /** The files of a resolved file relation, as Spark listed them when it resolved it. */
  private static Optional<Seq<FileStatus>> filesOf(Dataset<Row> relation) {
    LogicalPlan plan = relation.queryExecution().analyzed();
    if (plan instanceof LogicalRelation logical
        && logical.relation() instanceof HadoopFsRelation files
        && files.location() instanceof PartitioningAwareFileIndex index) {
      return Optional.of(index.allFiles());
    }
    return Optional.empty();
  }

  /**
   * The roots to load. An unpartitioned managed table's data folders are loaded as one relation under
   * the table's location: Spark then packs their files into few tasks, where a union of one relation per
   * folder runs at least one task per folder (a table filled by many small INSERTs has many folders).
   * Partitioned roots stay apart, since Spark discovers partitions under one base path per load.
   */
  private static List<ScanRoot> oneRelationPerTable(LakeScanSpec scan) {
    TableDefinition table = scan.table();
    if (!table.partitionColumns().isEmpty()
        || scan.roots().size() < 2
        || !scan.roots().stream().allMatch(ScanRoot::isWhole)) {
      return scan.roots();
    }
    return List.of(
        new ScanRoot(table.location(), scan.roots().stream().map(ScanRoot::basePath).toList()));
  }

  /** The root's resolved relation: resolving it looks up the source and lists the files, so it is kept. */
  private Dataset<Row> load(TableDefinition table, StructType schema, ScanRoot root) {
    return relations.get(keyOf(table, schema, root), this::load);
  }

  private static FileRelationKey keyOf(TableDefinition table, StructType schema, ScanRoot root) {
    return new FileRelationKey(
        table.format().sparkSource(), table.options(), schema, root.basePath(), root.folders());
  }

  private Dataset<Row> load(FileRelationKey key) {
    DataFrameReader reader =
        spark.read().format(key.source()).options(key.options()).schema(key.schema());
    try {
      if (key.isWhole()) {
        return reader.load(key.basePath());
      }
      return reader.option("basePath", key.basePath()).load(key.folders().toArray(String[]::new));
    } catch (Exception e) {
      // Listing the folders: a request that got no answer does not say where it went; the table's
      // root does.
      throw StorageFailure.find(e, key.basePath())
          .<RuntimeException>map(
              failure -> new ScryException(ErrorCode.STORAGE, failure.message(), e))
          .orElseGet(
              () -> e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e));
    }
  }

  /**
   * The table's columns in catalog order (Spark moves partition columns to the end), named {@code names}:
   * those the scan reads from the files, NULL of the column's type for the others, which nothing above
   * uses.
   */
  private static DeferredDataset inCatalogOrder(
      Dataset<Row> files, LakeScanSpec scan, String[] names) {
    List<ColumnDefinition> columns = scan.table().columns();
    Column[] selected = new Column[columns.size()];
    for (int i = 0; i < selected.length; i++) {
      ColumnDefinition column = columns.get(i);
      selected[i] =
          (scan.columns().contains(i)
                  ? files.col(quoted(column.name()))
                  : lit(null).cast(SparkTypes.toSpark(column.type())))
              .as(names[i]);
    }
    return DeferredDataset.of(files).select(selected);
  }

  /** Spark column reference for a name that may contain dots or other special characters. */
  private static String quoted(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}
