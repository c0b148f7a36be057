package dev.scry.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.spark.SparkContext;

/**
 * The result of one query as Arrow record batches that Spark's tasks built (Spark's own Arrow
 * conversion, {@code toArrowBatchRdd}): fetched partition by partition as {@link ResultCursor} fetches
 * rows, so the gateway holds at most one partition's batches, already in their compact wire form.
 * Each batch is handed out as Arrow buffers in the caller's allocator, never as rows. Jobs run in the
 * execution's job group; {@code onFinish} runs once. Not thread-safe: one reader at a time.
 */
public final class ArrowBatchCursor implements AutoCloseable {
  private final SparkContext context;
  private final String jobGroupId;
  private final String description;
  private final Runnable onFinish;
  private Iterator<byte[]> batches;
  private boolean finished;

  /** Set from another thread by {@link QueryRunner#cancel}: a collected result runs no job that could fail. */
  private volatile boolean cancelled;

  ArrowBatchCursor(
      SparkContext context,
      String jobGroupId,
      String description,
      Iterator<byte[]> batches,
      Runnable onFinish) {
    this.context = Objects.requireNonNull(context, "context");
    this.jobGroupId = Objects.requireNonNull(jobGroupId, "jobGroupId");
    this.description = description;
    this.batches = Objects.requireNonNull(batches, "batches");
    this.onFinish = Objects.requireNonNull(onFinish, "onFinish");
  }

  /** The next record batch in {@code allocator} (the caller closes it), or null after the last. */
  public ArrowRecordBatch next(BufferAllocator allocator) {
    if (finished) {
      return null;
    }
    if (cancelled) {
      throw new CancellationException(
          "The execution in job group " + jobGroupId + " was cancelled");
    }
    byte[] message;
    try (JobGroup ignored = JobGroup.enter(context, jobGroupId, description)) {
      if (!batches.hasNext()) {
        finish();
        return null;
      }
      message = batches.next();
    }
    try {
      return MessageSerializer.deserializeRecordBatch(
          new ReadChannel(Channels.newChannel(new ByteArrayInputStream(message))), allocator);
    } catch (IOException e) {
      throw new UncheckedIOException("A record batch from Spark could not be read", e);
    }
  }

  void cancel() {
    cancelled = true;
  }

  private void finish() {
    finished = true;
    batches = null;
    onFinish.run();
  }

  @Override
  public void close() {
    if (!finished) {
      // A partition may still be computing when another thread closes.
      context.cancelJobGroupAndFutureJobs(jobGroupId);
      finish();
    }
  }
}
