package dev.scry.testing;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.roaringbitmap.RoaringBitmap;

/**
 * Writes a Delta table in a local folder as a Delta writer does: Parquet data files (written by Spark,
 * partition columns left out of the files and put in Hive-style folders) and one JSON commit per
 * version in {@code _delta_log/}. Updates and deletes are copy-on-write: a changed file is removed in
 * the log and a rewritten one added, so superseded files stay in the folders as they do in a real
 * lake. delta-spark cannot write here (it does not run on Spark 4.2; docs/lake.md, "Delta"), so the
 * tests write the protocol themselves; Delta Kernel in the product reads it. A table made by
 * {@link #createWithStats} also writes each added file's statistics (numRecords, minValues, maxValues,
 * nullCount) in its add action, as Delta writers do, for file skipping; {@link #appendWithoutStats}
 * adds a file without them, as older writers left some.
 */
public final class DeltaFixture {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FILE = "_fixture_file";

  /** When version 0 was committed; version v is dated v minutes later (see {@link #commitTime}). */
  public static final Instant COMMIT_TIME = Instant.parse("2026-01-01T00:00:00Z");

  private static final String NULL_FOLDER = "__HIVE_DEFAULT_PARTITION__";

  private final SparkSession spark;
  private final Path root;
  private final StructType schema;
  private final List<String> partitionColumns;
  private final boolean writeStats;
  private final List<LiveFile> live = new ArrayList<>();

  /** The deletion vector descriptor of each file that has one, and the positions it deletes. */
  private final Map<String, ObjectNode> vectors = new HashMap<>();

  private final Map<String, Set<Long>> deletedPositions = new HashMap<>();
  private long version = -1;

  /** {@code stats} is the add action's statistics JSON, or null when the file has none. */
  private record LiveFile(
      String path, Map<String, String> partitionValues, long size, String stats) {}

  private DeltaFixture(
      SparkSession spark,
      Path root,
      StructType schema,
      List<String> partitionColumns,
      boolean writeStats) {
    this.spark = spark;
    this.root = root;
    this.schema = schema;
    this.partitionColumns = List.copyOf(partitionColumns);
    this.writeStats = writeStats;
  }

  /** Version 0: the table's metadata and {@code rows} (which have the table's schema). */
  public static DeltaFixture create(
      SparkSession spark,
      Path root,
      Dataset<Row> rows,
      List<String> partitionColumns,
      Map<String, String> properties) {
    return create(spark, root, rows, partitionColumns, properties, false);
  }

  /**
   * Version 0 as {@link #create}, and every file added from now on (by this and the other methods,
   * except {@link #appendWithoutStats}) carries its statistics in the log.
   */
  public static DeltaFixture createWithStats(
      SparkSession spark,
      Path root,
      Dataset<Row> rows,
      List<String> partitionColumns,
      Map<String, String> properties) {
    return create(spark, root, rows, partitionColumns, properties, true);
  }

  private static DeltaFixture create(
      SparkSession spark,
      Path root,
      Dataset<Row> rows,
      List<String> partitionColumns,
      Map<String, String> properties,
      boolean writeStats) {
    DeltaFixture table = new DeltaFixture(spark, root, rows.schema(), partitionColumns, writeStats);
    List<ObjectNode> actions = new ArrayList<>();
    ObjectNode protocol = JSON.createObjectNode();
    protocol.putObject("protocol").put("minReaderVersion", 1).put("minWriterVersion", 2);
    actions.add(protocol);
    ObjectNode metaData = JSON.createObjectNode();
    ObjectNode meta = metaData.putObject("metaData");
    meta.put("id", UUID.randomUUID().toString());
    meta.putObject("format").put("provider", "parquet").putObject("options");
    // Delta's schema string is Spark's schema JSON.
    meta.put("schemaString", rows.schema().json());
    ArrayNode partitions = meta.putArray("partitionColumns");
    partitionColumns.forEach(partitions::add);
    ObjectNode configuration = meta.putObject("configuration");
    properties.forEach(configuration::put);
    meta.put("createdTime", System.currentTimeMillis());
    actions.add(metaData);
    actions.addAll(table.addFiles(rows, writeStats));
    table.commit(actions, "CREATE TABLE AS SELECT");
    return table;
  }

  /** A new version adding {@code rows}. */
  public long append(Dataset<Row> rows) {
    return commit(addFiles(rows, writeStats), "WRITE");
  }

  /** A new version adding {@code rows} in files whose add actions carry no statistics. */
  public long appendWithoutStats(Dataset<Row> rows) {
    return commit(addFiles(rows, false), "WRITE");
  }

  /** A new version without the rows matching {@code condition} (SQL over the table's columns). */
  public long delete(String condition) {
    return rewrite(condition, rows -> rows.where(not(expr(condition))), "DELETE");
  }

  /** A new version where {@code column} is {@code value} (SQL) in the rows matching {@code condition}. */
  public long update(String condition, String column, String value) {
    return rewrite(
        condition,
        rows -> rows.withColumn(column, when(expr(condition), expr(value)).otherwise(col(column))),
        "UPDATE");
  }

  /** A new version whose file list is the same but one file carries a deletion vector. */
  public long markDeletionVector() {
    LiveFile file = live.get(0);
    ObjectNode protocol = JSON.createObjectNode();
    ObjectNode p = protocol.putObject("protocol");
    p.put("minReaderVersion", 3).put("minWriterVersion", 7);
    p.putArray("readerFeatures").add("deletionVectors");
    p.putArray("writerFeatures").add("deletionVectors");
    ObjectNode remove = removeAction(file);
    ObjectNode add = addAction(file);
    ((ObjectNode) add.get("add"))
        .putObject("deletionVector")
        .put("storageType", "u")
        .put("pathOrInlineDv", "ab^-aqEH.-t@S}K{vb[*k^")
        .put("offset", 1)
        .put("sizeInBytes", 36)
        .put("cardinality", 1);
    return commit(List.of(protocol, remove, add), "DELETE");
  }

  /**
   * A new version without the rows matching {@code condition}, deleted as Delta writers with deletion
   * vectors delete: each file holding such rows stays, and its add action gets a deletion vector (a
   * {@code .bin} file in Delta's format, named by absolute path) marking those rows' positions. Files
   * deleted from this way are not rewritten by {@link #update} or {@link #delete} afterwards.
   */
  public long deleteWithDeletionVectors(String condition) {
    List<ObjectNode> actions = new ArrayList<>();
    ObjectNode protocol = JSON.createObjectNode();
    ObjectNode p = protocol.putObject("protocol");
    p.put("minReaderVersion", 3).put("minWriterVersion", 7);
    p.putArray("readerFeatures").add("deletionVectors");
    p.putArray("writerFeatures").add("deletionVectors");
    actions.add(protocol);
    for (LiveFile file : List.copyOf(live)) {
      List<Long> positions = positions(file, condition);
      if (positions.isEmpty()) {
        continue;
      }
      ObjectNode remove = removeAction(file);
      ObjectNode old = vectors.get(file.path());
      if (old != null) {
        // The removed entry is the file with its old vector: Delta keys live files by both.
        ((ObjectNode) remove.get("remove")).set("deletionVector", old);
      }
      actions.add(remove);
      Set<Long> deleted = new TreeSet<>(positions);
      deleted.addAll(deletedPositions.getOrDefault(file.path(), Set.of()));
      ObjectNode vector = writeDeletionVector(deleted);
      vectors.put(file.path(), vector);
      deletedPositions.put(file.path(), deleted);
      ObjectNode add = addAction(file);
      ((ObjectNode) add.get("add")).set("deletionVector", vector);
      actions.add(add);
    }
    return commit(actions, "DELETE");
  }

  /** The positions in {@code file} (0-based, in file order) of the rows matching {@code condition}. */
  private List<Long> positions(LiveFile file, String condition) {
    Dataset<Row> rows = spark.read().parquet(root.resolve(file.path()).toString());
    Column[] columns = new Column[schema.fields().length + 1];
    for (int i = 0; i < schema.fields().length; i++) {
      StructField field = schema.fields()[i];
      columns[i] =
          partitionColumns.contains(field.name())
              ? lit(file.partitionValues().get(field.name()))
                  .cast(field.dataType())
                  .as(field.name())
              : col(field.name());
    }
    columns[schema.fields().length] = col("_metadata.row_index").as("_fixture_position");
    List<Long> positions = new ArrayList<>();
    for (Row row :
        rows.select(columns).where(expr(condition)).select("_fixture_position").collectAsList()) {
      positions.add(row.getLong(0));
    }
    return positions;
  }

  /**
   * Writes {@code positions} as a deletion vector file in Delta's format (a version byte, then the
   * bitmap's size, the bitmap as a portable RoaringBitmapArray, its CRC-32, sizes and checksum big
   * endian) and returns the add action's {@code deletionVector} descriptor for it.
   */
  private ObjectNode writeDeletionVector(Set<Long> positions) {
    RoaringBitmap bitmap = new RoaringBitmap();
    positions.forEach(position -> bitmap.add(Math.toIntExact(position)));
    ByteBuffer array =
        ByteBuffer.allocate(4 + 8 + 4 + bitmap.serializedSizeInBytes())
            .order(ByteOrder.LITTLE_ENDIAN);
    // RoaringBitmapArray's portable format: magic number, bitmap count, then key and bitmap each.
    array.putInt(1_681_511_377).putLong(1).putInt(0);
    bitmap.serialize(array);
    byte[] data = array.array();
    CRC32 crc = new CRC32();
    crc.update(data);
    ByteBuffer file = ByteBuffer.allocate(1 + 4 + data.length + 4);
    file.put((byte) 1).putInt(data.length).put(data).putInt((int) crc.getValue());
    Path path = root.resolve("deletion_vector_" + UUID.randomUUID() + ".bin");
    try {
      Files.write(path, file.array());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ObjectNode vector = JSON.createObjectNode();
    vector
        .put("storageType", "p")
        .put("pathOrInlineDv", path.toUri().toString())
        .put("offset", 1)
        .put("sizeInBytes", data.length)
        .put("cardinality", positions.size());
    return vector;
  }

  public long version() {
    return version;
  }

  /** The time the fixture dates {@code version}'s commit with. */
  public static Instant commitTime(long version) {
    return COMMIT_TIME.plus(Duration.ofMinutes(version));
  }

  private interface Change {
    Dataset<Row> apply(Dataset<Row> rows);
  }

  /** Copy-on-write: the files holding matching rows are removed and their changed rows added. */
  private long rewrite(String condition, Change change, String operation) {
    Set<String> touched = new HashSet<>();
    for (Row row : union(live).where(expr(condition)).select(FILE).distinct().collectAsList()) {
      touched.add(row.getString(0));
    }
    List<LiveFile> files = live.stream().filter(f -> touched.contains(f.path())).toList();
    List<ObjectNode> actions = new ArrayList<>();
    for (LiveFile file : files) {
      live.remove(file);
      actions.add(removeAction(file));
    }
    if (!files.isEmpty()) {
      actions.addAll(addFiles(change.apply(union(files).drop(FILE)), writeStats));
    }
    return commit(actions, operation);
  }

  /** The rows of {@code files} with the table's columns and a column naming each row's file. */
  private Dataset<Row> union(List<LiveFile> files) {
    Dataset<Row> rows = null;
    for (LiveFile file : files) {
      Dataset<Row> one = read(file).withColumn(FILE, lit(file.path()));
      rows = rows == null ? one : rows.union(one);
    }
    return rows;
  }

  /** A live file's rows with the table's columns, partition values from the log's strings. */
  private Dataset<Row> read(LiveFile file) {
    Dataset<Row> rows = spark.read().parquet(root.resolve(file.path()).toString());
    Column[] columns = new Column[schema.fields().length];
    for (int i = 0; i < columns.length; i++) {
      StructField field = schema.fields()[i];
      columns[i] =
          partitionColumns.contains(field.name())
              ? lit(file.partitionValues().get(field.name()))
                  .cast(field.dataType())
                  .as(field.name())
              : col(field.name());
    }
    return rows.select(columns);
  }

  /**
   * Writes {@code rows} in one Spark job, one file per partition value set in Hive-style folders, and
   * returns their add actions, with each file's statistics when {@code stats}.
   */
  private List<ObjectNode> addFiles(Dataset<Row> rows, boolean stats) {
    Path staging = root.resolve("_staging-" + UUID.randomUUID());
    rows.repartition(1)
        .write()
        .partitionBy(partitionColumns.toArray(String[]::new))
        .parquet(staging.toString());
    List<ObjectNode> actions = new ArrayList<>();
    try {
      List<Path> written;
      try (Stream<Path> files = Files.walk(staging)) {
        written = files.filter(f -> f.getFileName().toString().endsWith(".parquet")).toList();
      }
      for (Path file : written) {
        Path folder = staging.relativize(file.getParent());
        Map<String, String> values = new LinkedHashMap<>();
        for (Path segment : folder) {
          String[] kv = segment.toString().split("=", 2);
          if (kv.length == 2) {
            values.put(kv[0], NULL_FOLDER.equals(kv[1]) ? null : kv[1]);
          }
        }
        String path =
            (folder.toString().isEmpty() ? "" : folder + "/")
                + "part-"
                + UUID.randomUUID()
                + ".snappy.parquet";
        Path target = root.resolve(path);
        Files.createDirectories(target.getParent());
        Files.move(file, target);
        LiveFile added =
            new LiveFile(path, values, Files.size(target), stats ? stats(target) : null);
        live.add(added);
        actions.add(addAction(added));
      }
      try (Stream<Path> rest = Files.walk(staging)) {
        for (Path f : rest.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(f);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return actions;
  }

  private static ObjectNode addAction(LiveFile file) {
    ObjectNode node = JSON.createObjectNode();
    ObjectNode add = node.putObject("add");
    add.put("path", file.path());
    ObjectNode values = add.putObject("partitionValues");
    file.partitionValues().forEach(values::put);
    add.put("size", file.size());
    add.put("modificationTime", System.currentTimeMillis());
    add.put("dataChange", true);
    if (file.stats() != null) {
      add.put("stats", file.stats());
    }
    return node;
  }

  /**
   * The statistics a Delta writer records for a data file, as JSON: its row count and, per data column,
   * the NULL count and (for numbers, strings and dates with a non-NULL value) the least and greatest
   * value. Other types get no min/max, which a reader must take as "anything".
   */
  private String stats(Path file) {
    Dataset<Row> rows = spark.read().parquet(file.toString());
    List<StructField> columns = new ArrayList<>();
    for (StructField field : schema.fields()) {
      if (!partitionColumns.contains(field.name())) {
        columns.add(field);
      }
    }
    List<Column> aggregates = new ArrayList<>();
    aggregates.add(count(lit(1)));
    for (StructField field : columns) {
      Column column = col(field.name());
      aggregates.add(min(column));
      aggregates.add(max(column));
      aggregates.add(count(when(column.isNull(), 1)));
    }
    Row row =
        rows.agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new))
            .first();
    ObjectNode stats = JSON.createObjectNode();
    stats.put("numRecords", row.getLong(0));
    ObjectNode minValues = stats.putObject("minValues");
    ObjectNode maxValues = stats.putObject("maxValues");
    ObjectNode nullCount = stats.putObject("nullCount");
    for (int i = 0; i < columns.size(); i++) {
      String name = columns.get(i).name();
      Object least = row.get(1 + 3 * i);
      Object greatest = row.get(2 + 3 * i);
      nullCount.put(name, row.getLong(3 + 3 * i));
      if (hasRange(least) && hasRange(greatest)) {
        minValues.set(name, statValue(least));
        maxValues.set(name, statValue(greatest));
      }
    }
    try {
      return JSON.writeValueAsString(stats);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether a min or max is one Delta records: a number (not NaN), a string or a date. */
  private static boolean hasRange(Object value) {
    if (value instanceof Double d) {
      return !d.isNaN();
    }
    if (value instanceof Float f) {
      return !f.isNaN();
    }
    return value instanceof Number
        || value instanceof String
        || value instanceof java.sql.Date
        || value instanceof java.time.LocalDate;
  }

  private static com.fasterxml.jackson.databind.JsonNode statValue(Object value) {
    if (value instanceof java.sql.Date || value instanceof java.time.LocalDate) {
      return JSON.getNodeFactory().textNode(value.toString());
    }
    return JSON.valueToTree(value);
  }

  private static ObjectNode removeAction(LiveFile file) {
    ObjectNode node = JSON.createObjectNode();
    ObjectNode remove = node.putObject("remove");
    remove.put("path", file.path());
    remove.put("deletionTimestamp", System.currentTimeMillis());
    remove.put("dataChange", true);
    return node;
  }

  private long commit(List<ObjectNode> actions, String operation) {
    long next = version + 1;
    ObjectNode info = JSON.createObjectNode();
    info.putObject("commitInfo")
        .put("timestamp", commitTime(next).toEpochMilli())
        .put("operation", operation);
    StringBuilder lines = new StringBuilder();
    try {
      lines.append(JSON.writeValueAsString(info)).append('\n');
      for (ObjectNode action : actions) {
        lines.append(JSON.writeValueAsString(action)).append('\n');
      }
      Path log = Files.createDirectories(root.resolve("_delta_log"));
      Path commit = Files.writeString(log.resolve(String.format("%020d.json", next)), lines);
      // Delta dates a commit by its file's modification time: version v at COMMIT_TIME + v minutes.
      Files.setLastModifiedTime(commit, FileTime.from(COMMIT_TIME.plus(Duration.ofMinutes(next))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    version = next;
    return next;
  }
}
