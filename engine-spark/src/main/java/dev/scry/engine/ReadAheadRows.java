package dev.scry.engine;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.io.CompressionCodec;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.execution.SQLExecution;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.Platform;
import scala.Function1;
import scala.Option;

/**
 * The rows of a large result, partition by partition in order, with the Spark jobs of the next
 * partitions running while the caller drains the current one ({@link PartitionReadAhead}). Each
 * partition arrives as compressed chunks of Spark's compact rows ({@link UnsafeRowChunks}); a chunk is
 * dropped once its rows are read, and each row becomes a {@link Row} as {@code toLocalIterator} makes
 * it. Steps must run inside the execution's job group (see {@link ResultCursor}).
 */
final class ReadAheadRows implements Iterator<Row>, AutoCloseable {
  /** Spark's default for {@code spark.io.compression.codec}. */
  private static final String DEFAULT_CODEC = "lz4";

  private final PartitionReadAhead<byte[]> partitions;
  private final CompressionCodec codec;
  private final StructType schema;
  private final Deque<byte[]> chunks = new ArrayDeque<>();
  private final UnsafeRow row;
  private final PlainValues plainValues;

  /** Spark's deserializer to rows, made at the first {@link #next}: plain results never need it. */
  private Function1<InternalRow, Row> toRow;

  private byte[] chunk;
  private int position;

  /** Whether {@link #row} points at a row not yet handed out. */
  private boolean positioned;

  private ReadAheadRows(
      PartitionReadAhead<byte[]> partitions, CompressionCodec codec, StructType schema) {
    this.partitions = Objects.requireNonNull(partitions, "partitions");
    this.codec = Objects.requireNonNull(codec, "codec");
    this.row = new UnsafeRow(schema.size());
    this.plainValues = PlainValues.of(schema).orElse(null);
    this.schema = schema;
  }

  /**
   * Prepares {@code result}'s partitions, running the stages before the last as Spark's own
   * iterator does (adaptive execution runs them here, in the caller's job group and one SQL
   * execution); the last stage's jobs start with the first read.
   */
  static ReadAheadRows start(SparkContext context, Dataset<Row> result, int ahead) {
    QueryExecution execution = result.queryExecution();
    RDD<InternalRow> internal =
        SQLExecution.withNewExecutionId(
            execution, Option.apply("scry result"), () -> execution.toRdd());
    String codecName = context.conf().get("spark.io.compression.codec", DEFAULT_CODEC);
    JavaRDD<byte[]> encoded =
        internal.toJavaRDD().mapPartitions(new UnsafeRowChunks(result.schema(), codecName));
    PartitionReadAhead<byte[]> partitions =
        new PartitionReadAhead<>(context, encoded.rdd(), 0, encoded.getNumPartitions(), ahead);
    return new ReadAheadRows(
        partitions, CompressionCodec.createCodec(context.conf(), codecName), result.schema());
  }

  @Override
  public boolean hasNext() {
    if (!positioned) {
      positioned = advance();
    }
    return positioned;
  }

  @Override
  public Row next() {
    if (!hasNext()) {
      throw new NoSuchElementException("No more rows in the result");
    }
    positioned = false;
    if (toRow == null) {
      toRow = deserializer(schema);
    }
    // The Row holds Java values, never the chunk's bytes.
    return toRow.apply(row);
  }

  private static Function1<InternalRow, Row> deserializer(StructType schema) {
    ExpressionEncoder<Row> encoder = ExpressionEncoder.apply(schema);
    return encoder
        .resolveAndBind(encoder.resolveAndBind$default$1(), encoder.resolveAndBind$default$2())
        .createDeserializer();
  }

  /** Whether {@link #nextValues} can read this result's rows (every column of a plain type). */
  boolean readsValues() {
    return plainValues != null;
  }

  /**
   * The next row's values as {@link JavaValues} would give them from {@link #next}, read straight from
   * Spark's compact row; only when {@link #readsValues}.
   */
  Object[] nextValues() {
    if (!hasNext()) {
      throw new NoSuchElementException("No more rows in the result");
    }
    positioned = false;
    return plainValues.read(row);
  }

  /**
   * Points {@link #row} at the next row, in place, opening the next chunk or fetching the next
   * partition as needed; false at the end.
   */
  private boolean advance() {
    while (chunk == null || position == chunk.length) {
      if (chunks.isEmpty()) {
        List<byte[]> partition = partitions.next();
        if (partition == null) {
          return false;
        }
        chunks.addAll(partition);
      } else {
        chunk = decompress(chunks.poll());
        position = 0;
      }
    }
    int size = bigEndianInt(chunk, position);
    row.pointTo(chunk, Platform.BYTE_ARRAY_OFFSET + position + 4, size);
    position += 4 + size;
    return true;
  }

  private byte[] decompress(byte[] compressed) {
    int length = bigEndianInt(compressed, 0);
    byte[] rows = new byte[length];
    try (DataInputStream in =
        new DataInputStream(
            codec.compressedInputStream(
                new ByteArrayInputStream(compressed, 4, compressed.length - 4)))) {
      in.readFully(rows);
    } catch (IOException e) {
      throw new UncheckedIOException("A chunk of result rows could not be read", e);
    }
    return rows;
  }

  private static int bigEndianInt(byte[] bytes, int at) {
    return (bytes[at] & 0xff) << 24
        | (bytes[at + 1] & 0xff) << 16
        | (bytes[at + 2] & 0xff) << 8
        | bytes[at + 3] & 0xff;
  }

  /**
   * Stops the jobs running ahead and lets go of what they fetched; what this iterator holds goes with
   * it (the cursor drops it). Safe from another thread.
   */
  @Override
  public void close() {
    partitions.close();
  }
}
