package dev.scry.engine;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
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
 * {@code collect} and {@code toLocalIterator} bring rows to the driver. A chunk is its rows, each as
 * its length and its bytes, then -1, through Spark's compression codec. {@link ReadAheadRows} reads
 * them back.
 */
final class UnsafeRowChunks implements FlatMapFunction<Iterator<InternalRow>, byte[]> {
  private static final long serialVersionUID = 1L;

  /** Rows' bytes per chunk before compression: a chunk is decoded as a unit on the driver. */
  static final int CHUNK_BYTES = 1 << 20;

  static final int END_OF_CHUNK = -1;

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
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(CHUNK_BYTES / 4);
        try (DataOutputStream out =
            new DataOutputStream(compression.compressedOutputStream(bytes))) {
          long written = 0;
          while (written < CHUNK_BYTES && rows.hasNext()) {
            UnsafeRow row = unsafe(rows.next());
            out.writeInt(row.getSizeInBytes());
            row.writeToStream(out, copyBuffer);
            written += 4L + row.getSizeInBytes();
          }
          out.writeInt(END_OF_CHUNK);
        } catch (IOException e) {
          throw new UncheckedIOException("A chunk of result rows could not be written", e);
        }
        return bytes.toByteArray();
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
