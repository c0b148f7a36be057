package dev.scry.engine.delta;

import dev.scry.engine.SparkTypes;
import dev.scry.planner.ErrorCode;
import dev.scry.planner.ScryException;
import dev.scry.planner.catalog.TableDefinition;
import io.delta.kernel.DataWriteContext;
import io.delta.kernel.Operation;
import io.delta.kernel.Table;
import io.delta.kernel.Transaction;
import io.delta.kernel.TransactionBuilder;
import io.delta.kernel.TransactionCommitResult;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.hook.PostCommitHook;
import io.delta.kernel.internal.types.DataTypeJsonSerDe;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampType;
import io.delta.kernel.utils.CloseableIterable;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.types.DataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Delta Kernel transaction of a Scry write: begun before Spark writes (on the log's latest version,
 * or as the table's creation), it adds the written files in one commit, which Kernel writes as the next
 * {@code _delta_log/NNN.json} only if no other writer took that version (put-if-absent). A concurrent
 * blind append is retried by Kernel on top of it; a change Kernel cannot put this write after fails it.
 */
final class DeltaTransaction {
  private static final Logger LOG = LoggerFactory.getLogger(DeltaTransaction.class);

  /** The engine name the log records in each commit. */
  static final String ENGINE_INFO = "Scry";

  private final Engine engine;
  private final TableDefinition table;
  private final Transaction transaction;

  private DeltaTransaction(Engine engine, TableDefinition table, Transaction transaction) {
    this.engine = engine;
    this.table = table;
    this.transaction = transaction;
  }

  /**
   * Begins creating the table at its location with the table's columns and partition columns; the
   * catalog's OPTIONS become the table's properties. Fails if the location holds a Delta table.
   */
  static DeltaTransaction create(Engine engine, TableDefinition table) {
    try {
      StructType schema = schemaOf(table);
      DeltaPartitionLiterals.checkTypes(table.qualifiedName(), schema, table.partitionColumns());
      TransactionBuilder builder =
          Table.forPath(engine, table.location())
              .createTransactionBuilder(engine, ENGINE_INFO, Operation.CREATE_TABLE)
              .withSchema(engine, schema)
              .withPartitionColumns(engine, table.partitionColumns());
      if (!table.options().isEmpty()) {
        builder = builder.withTableProperties(engine, table.options());
      }
      return new DeltaTransaction(engine, table, builder.build(engine));
    } catch (RuntimeException e) {
      throw DeltaWriteErrors.of(table, e);
    }
  }

  /**
   * Begins an append on the log's latest version; the log's columns and partition columns must be the
   * catalog's (another writer may have changed them since the table was registered).
   */
  static DeltaTransaction append(Engine engine, TableDefinition table) {
    try {
      Transaction transaction =
          Table.forPath(engine, table.location())
              .createTransactionBuilder(engine, ENGINE_INFO, Operation.WRITE)
              .build(engine);
      StructType schema = transaction.getSchema(engine);
      checkSameLayout(table, schema, transaction.getPartitionColumns(engine));
      DeltaPartitionLiterals.checkTypes(
          table.qualifiedName(), schema, transaction.getPartitionColumns(engine));
      return new DeltaTransaction(engine, table, transaction);
    } catch (RuntimeException e) {
      throw DeltaWriteErrors.of(table, e);
    }
  }

  /**
   * Adds {@code files} (with their row counts and column statistics from {@code stats}) in one commit.
   *
   * @return the rows the files hold
   */
  long commit(List<WrittenFile> files, DeltaFileStats stats) {
    try {
      Row state = transaction.getTransactionState(engine);
      StructType schema = transaction.getSchema(engine);
      List<String> partitionColumns = transaction.getPartitionColumns(engine);
      StructType dataSchema = withoutColumns(schema, partitionColumns);
      Map<Map<String, String>, List<WrittenFile>> groups = new LinkedHashMap<>();
      for (WrittenFile file : files) {
        groups.computeIfAbsent(file.partitionValues(), k -> new ArrayList<>()).add(file);
      }
      List<Row> actions = new ArrayList<>();
      long rows = 0;
      for (Map.Entry<Map<String, String>, List<WrittenFile>> group : groups.entrySet()) {
        DataWriteContext context =
            Transaction.getWriteContext(
                engine, state, DeltaPartitionLiterals.of(schema, partitionColumns, group.getKey()));
        List<Column> statsColumns = statsColumns(context, dataSchema);
        List<DataFileStatus> statuses = new ArrayList<>();
        for (WrittenFile file : group.getValue()) {
          DataFileStatus status = stats.status(file, dataSchema, statsColumns);
          rows += status.getStatistics().map(s -> s.getNumRecords()).orElse(0L);
          statuses.add(status);
        }
        try (CloseableIterator<Row> added =
            Transaction.generateAppendActions(
                engine, state, Utils.toCloseableIterator(statuses.iterator()), context)) {
          added.forEachRemaining(actions::add);
        }
      }
      TransactionCommitResult result =
          transaction.commit(
              engine,
              CloseableIterable.inMemoryIterable(Utils.toCloseableIterator(actions.iterator())));
      LOG.info(
          "Committed version {} of Delta table {} ({} files, {} rows)",
          result.getVersion(),
          table.qualifiedName(),
          files.size(),
          rows);
      runHooks(result);
      return rows;
    } catch (IOException | RuntimeException e) {
      throw DeltaWriteErrors.of(table, e);
    }
  }

  /**
   * Kernel's checkpoint and checksum after a commit, which a writer runs: the commit is made whether
   * or not they succeed, so a failure is only logged (a later commit checkpoints again).
   */
  private void runHooks(TransactionCommitResult result) {
    for (PostCommitHook hook : result.getPostCommitHooks()) {
      try {
        hook.threadSafeInvoke(engine);
      } catch (IOException | RuntimeException e) {
        LOG.warn(
            "Delta table {}: {} after version {} failed; the commit stands",
            table.qualifiedName(),
            hook.getType(),
            result.getVersion(),
            e);
      }
    }
  }

  /**
   * The columns Kernel asks statistics for, without TIMESTAMP ones: Spark writes those as INT96 by
   * default, for which Parquet keeps no usable statistics.
   */
  private static List<Column> statsColumns(DataWriteContext context, StructType dataSchema) {
    List<Column> columns = new ArrayList<>();
    for (Column column : context.getStatisticsColumns()) {
      String[] names = column.getNames();
      if (names.length == 1
          && dataSchema.indexOf(names[0]) >= 0
          && !(dataSchema.get(names[0]).getDataType() instanceof TimestampType)) {
        columns.add(column);
      }
    }
    return columns;
  }

  /** The table's columns as Delta's schema: Spark's schema JSON is the schema format of the log. */
  private static StructType schemaOf(TableDefinition table) {
    String json = SparkTypes.toSchema(table.columns()).json();
    try {
      return DataTypeJsonSerDe.deserializeStructType(json);
    } catch (RuntimeException e) {
      // A type Delta has no name for, such as the NULL type of an untyped NULL column.
      throw new ScryException(
          ErrorCode.NOT_SUPPORTED,
          "Delta table "
              + table.qualifiedName()
              + " cannot hold the query's column types ("
              + SparkTypes.toSchema(table.columns()).simpleString()
              + "); cast each column to a SQL type",
          e);
    }
  }

  private static StructType withoutColumns(StructType schema, List<String> names) {
    List<StructField> kept = new ArrayList<>();
    for (StructField field : schema.fields()) {
      if (names.stream().noneMatch(name -> name.equalsIgnoreCase(field.getName()))) {
        kept.add(field);
      }
    }
    return new StructType(kept);
  }

  private static void checkSameLayout(
      TableDefinition table, StructType logSchema, List<String> logPartitions) {
    String log = describe(logSchema, logPartitions);
    String catalog = describe(schemaOf(table), table.partitionColumns());
    if (!log.equals(catalog)) {
      throw new ScryException(
          ErrorCode.SEMANTIC,
          "Delta table "
              + table.qualifiedName()
              + " has changed since it was registered: its log has "
              + log
              + ", the catalog "
              + catalog
              + "; drop it and register it again with CREATE EXTERNAL TABLE");
    }
  }

  /** {@code (id bigint, part int) partitioned by (part)}, names in lower case, types as Spark's. */
  private static String describe(StructType schema, List<String> partitions) {
    List<String> columns = new ArrayList<>();
    org.apache.spark.sql.types.StructType spark =
        (org.apache.spark.sql.types.StructType) DataType.fromJson(schema.toJson());
    for (org.apache.spark.sql.types.StructField field : spark.fields()) {
      columns.add(field.name().toLowerCase(Locale.ROOT) + " " + field.dataType().catalogString());
    }
    List<String> parts = partitions.stream().map(p -> p.toLowerCase(Locale.ROOT)).toList();
    return "("
        + String.join(", ", columns)
        + ")"
        + (parts.isEmpty() ? "" : " partitioned by (" + String.join(", ", parts) + ")");
  }
}
