package dev.scry.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;

/**
 * The result of one query as Arrow record batches that Spark's tasks built (Spark's own Arrow
 * conversion, {@code toArrowBatchRdd}), in {@code parts} that may be read at the same time from
 * different threads: part i is a contiguous run of the result's partitions, read one partition per
 * Spark job as {@link ResultCursor} reads rows, with the jobs of the part's next {@code readAhead}
 * partitions running meanwhile ({@link PartitionReadAhead}), so each reader holds at most {@code
 * readAhead + 1} partitions' batches, already in their compact wire form. One part is the whole result in order. A result Spark's
 * estimate calls small was collected in one job and is all in part 0. Batches are handed out as Arrow
 * buffers in the caller's allocator, never as rows. Jobs run in the execution's job group; {@code
 * onFinish} runs once, when every part is read or the cursor is closed.
 */
public final class ArrowBatchCursor implements AutoCloseable {
  private final SparkContext context;
  private final String jobGroupId;
  private final String description;
  private final Runnable onFinish;
  private final Part[] parts;
  private final AtomicBoolean finished = new AtomicBoolean();
  private int partsLeft;

  /** Set from another thread by {@link QueryRunner#cancel}: a collected result runs no job that could fail. */
  private volatile boolean cancelled;

  private ArrowBatchCursor(
      SparkContext context,
      String jobGroupId,
      String description,
      Part[] parts,
      Runnable onFinish) {
    this.context = Objects.requireNonNull(context, "context");
    this.jobGroupId = Objects.requireNonNull(jobGroupId, "jobGroupId");
    this.description = description;
    this.parts = parts;
    this.partsLeft = parts.length;
    this.onFinish = Objects.requireNonNull(onFinish, "onFinish");
  }

  /** A result collected in one job: every batch in part 0, the other parts empty. */
  static ArrowBatchCursor collected(
      SparkContext context,
      String jobGroupId,
      String description,
      List<byte[]> batches,
      int parts,
      Runnable onFinish) {
    Part[] all = new Part[Math.max(1, parts)];
    for (int i = 0; i < all.length; i++) {
      all[i] = new Part(null, new ArrayDeque<>(i == 0 ? batches : List.of()));
    }
    return new ArrowBatchCursor(context, jobGroupId, description, all, onFinish);
  }

  /** A result read partition by partition, its partitions shared out in order among {@code parts}. */
  static ArrowBatchCursor streamed(
      SparkContext context,
      String jobGroupId,
      String description,
      JavaRDD<byte[]> batches,
      int parts,
      int readAhead,
      Runnable onFinish) {
    int partitions = batches.getNumPartitions();
    Part[] all = new Part[Math.max(1, parts)];
    for (int i = 0; i < all.length; i++) {
      all[i] =
          new Part(
              new PartitionReadAhead<>(
                  context,
                  batches.rdd(),
                  (int) ((long) partitions * i / all.length),
                  (int) ((long) partitions * (i + 1) / all.length),
                  readAhead),
              new ArrayDeque<>());
    }
    return new ArrowBatchCursor(context, jobGroupId, description, all, onFinish);
  }

  public int parts() {
    return parts.length;
  }

  /**
   * The next record batch of {@code part} in {@code allocator} (the caller closes it), or null after
   * its last. One reader per part.
   */
  public ArrowRecordBatch next(int part, BufferAllocator allocator) {
    Part current = parts[part];
    if (current.done || finished.get()) {
      return null;
    }
    if (cancelled) {
      throw new CancellationException(
          "The execution in job group " + jobGroupId + " was cancelled");
    }
    byte[] message;
    try (JobGroup ignored = JobGroup.enter(context, jobGroupId, description)) {
      message = current.next();
    }
    if (message == null) {
      current.done = true;
      partDone();
      return null;
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

  private void partDone() {
    boolean last;
    synchronized (this) {
      last = --partsLeft == 0;
    }
    if (last && finished.compareAndSet(false, true)) {
      onFinish.run();
    }
  }

  @Override
  public void close() {
    if (finished.compareAndSet(false, true)) {
      // A partition may still be computing when another thread closes.
      for (Part part : parts) {
        part.close();
      }
      context.cancelJobGroupAndFutureJobs(jobGroupId);
      onFinish.run();
    }
  }

  /** One reader's share: a run of the batches' partitions, fetched one per job, some ahead. */
  private static final class Part {
    private final PartitionReadAhead<byte[]> partitions;
    private Queue<byte[]> fetched;
    private volatile boolean done;

    Part(PartitionReadAhead<byte[]> partitions, Queue<byte[]> fetched) {
      this.partitions = partitions;
      this.fetched = fetched;
    }

    /**
     * The next batch, waiting for the next partition's job when needed; null at the end. A batch
     * handed out is no longer referenced here, so it is garbage once sent rather than living (and
     * being promoted) with the rest of its partition.
     */
    byte[] next() {
      while (fetched.isEmpty()) {
        List<byte[]> partition = partitions == null ? null : partitions.next();
        if (partition == null) {
          return null;
        }
        fetched = new ArrayDeque<>(partition);
      }
      return fetched.poll();
    }

    void close() {
      if (partitions != null) {
        partitions.close();
      }
    }
  }
}
