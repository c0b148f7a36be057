package dev.scry.engine;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.io.CompressionCodec;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.types.StructType;

/**
 * Runs in Spark's tasks: a partition's rows as compressed chunks of Spark's compact row format
 * ({@code UnsafeRow}), about {@value #CHUNK_BYTES} bytes of rows each, the form in which Spark's own
 * {@code collect} and {@code toLocalIterator} bring rows to the driver. A chunk is the length of its
 * rows' bytes (4 bytes, big-endian), then those bytes through Spark's compression codec: each row as
 * its length (4 bytes, big-endian) and its bytes. {@link ReadAheadRows} reads them back.
 */
final class UnsafeRowChunks implements FlatMapFunction<Iterator<InternalRow>, byte[]> {
  private static final long serialVersionUID = 1L;

  /** Rows' bytes per chunk before compression: a chunk is decoded as a unit on the driver. */
  static final int CHUNK_BYTES = 1 << 20;

  private final StructType schema;
  private final String codec;

  UnsafeRowChunks(StructType schema, String codec) {
    this.schema = Objects.requireNonNull(schema, "schema");
    this.codec = Objects.requireNonNull(codec, "codec");
  }

  @Override
  public Iterator<byte[]> call(Iterator<InternalRow> rows) {
    CompressionCodec compression = CompressionCodec.createCodec(SparkEnv.get().conf(), codec);
    return new Iterator<>() {
      private final byte[] copyBuffer = new byte[4096];
      private final ByteArrayOutputStream rowBytes = new ByteArrayOutputStream(CHUNK_BYTES + 4096);
      private UnsafeProjection toUnsafe;

      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public byte[] next() {
        if (!rows.hasNext()) {
          throw new NoSuchElementException("No more rows in the partition");
        }
        rowBytes.reset();
        try {
          DataOutputStream out = new DataOutputStream(rowBytes);
          while (rowBytes.size() < CHUNK_BYTES && rows.hasNext()) {
            UnsafeRow row = unsafe(rows.next());
            out.writeInt(row.getSizeInBytes());
            row.writeToStream(out, copyBuffer);
          }
          ByteArrayOutputStream chunk = new ByteArrayOutputStream(rowBytes.size() / 2 + 64);
          new DataOutputStream(chunk).writeInt(rowBytes.size());
          try (OutputStream compressed = compression.compressedOutputStream(chunk)) {
            rowBytes.writeTo(compressed);
          }
          return chunk.toByteArray();
        } catch (IOException e) {
          throw new UncheckedIOException("A chunk of result rows could not be written", e);
        }
      }

      /** Physical plans give UnsafeRows (Spark's collect relies on it); anything else is converted. */
      private UnsafeRow unsafe(InternalRow row) {
        if (row instanceof UnsafeRow unsafeRow) {
          return unsafeRow;
        }
        if (toUnsafe == null) {
          toUnsafe = UnsafeProjection.create(schema);
        }
        return toUnsafe.apply(row);
      }
    };
  }
}
