package dev.scry.engine;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.SparkContext;
import org.apache.spark.rdd.RDD;
import scala.collection.Iterator;
import scala.concurrent.Await;
import scala.concurrent.duration.Duration;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction0;
import scala.runtime.AbstractFunction1;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;
import scala.util.Try;

/**
 * Partitions {@code [start, end)} of an RDD, handed out in order, each fetched by a Spark job of its
 * own, with the jobs of up to {@code ahead} following partitions running while the caller drains the
 * current one: at most {@code ahead + 1} partitions' elements are held (or being computed) at a time.
 * With {@code ahead} 0 each job starts when its partition is asked for, as {@code toLocalIterator} does.
 *
 * <p>Jobs are submitted from the thread that calls {@link #next}, which must be inside the execution's
 * job group (see {@link JobGroup}): Spark copies the calling thread's local properties (job group,
 * FAIR pool) into each job when it is submitted, so cancelling the group stops the jobs running ahead
 * as well. A partition whose job failed throws when it is reached, not before. Not for concurrent
 * readers; {@link #close} may come from another thread.
 */
final class PartitionReadAhead<T> implements AutoCloseable {
  private final SparkContext context;
  private final RDD<T> rdd;
  private final int end;
  private final int ahead;

  /** Jobs submitted and not yet handed out, in partition order. Guarded by {@code this}. */
  private final Deque<SimpleFutureAction<List<T>>> submitted = new ArrayDeque<>();

  private int nextToSubmit;
  private boolean closed;

  PartitionReadAhead(SparkContext context, RDD<T> rdd, int start, int end, int ahead) {
    this.context = Objects.requireNonNull(context, "context");
    this.rdd = Objects.requireNonNull(rdd, "rdd");
    if (start < 0 || end < start || ahead < 0) {
      throw new IllegalArgumentException(
          "partitions [" + start + ", " + end + ") ahead " + ahead + " make no read-ahead");
    }
    this.nextToSubmit = start;
    this.end = end;
    this.ahead = ahead;
  }

  /**
   * The elements of the next partition, waiting for its job; null after the last partition or once
   * closed. Before waiting it starts the jobs of the partitions after it, up to {@code ahead} of them.
   * Throws the job's failure (Spark's exception, as a job run in the calling thread throws it).
   */
  List<T> next() {
    SimpleFutureAction<List<T>> job;
    synchronized (this) {
      if (closed) {
        return null;
      }
      while (submitted.size() <= ahead && nextToSubmit < end) {
        submitted.add(submit(nextToSubmit++));
      }
      job = submitted.poll();
    }
    if (job == null) {
      return null;
    }
    return await(job);
  }

  private SimpleFutureAction<List<T>> submit(int partition) {
    PartitionResult<T> result = new PartitionResult<>();
    return context.submitJob(
        rdd,
        new CollectPartition<T>(),
        CollectionConverters.asScala(List.<Object>of(partition)).toSeq(),
        result,
        new AbstractFunction0<List<T>>() {
          @Override
          public List<T> apply() {
            return result.take();
          }
        });
  }

  private static <T> List<T> await(SimpleFutureAction<List<T>> job) {
    try {
      Await.ready(job, Duration.Inf());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      job.cancel();
      throw new CancellationException("Interrupted while waiting for a partition of the result");
    } catch (TimeoutException e) {
      throw new IllegalStateException("An unbounded wait timed out", e);
    }
    Try<List<T>> outcome = job.value().get();
    if (outcome.isSuccess()) {
      return outcome.get();
    }
    Throwable failure = outcome.failed().get();
    // SparkException is checked and undeclared here: wrapped with Spark's message kept, as
    // QueryRunner wraps a failed collect; the error classifier reads the whole cause chain.
    if (failure instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (failure instanceof Error error) {
      throw error;
    }
    throw new IllegalStateException(failure.getMessage(), failure);
  }

  /** Cancels the jobs still running ahead and drops what finished ones fetched. */
  @Override
  public void close() {
    List<SimpleFutureAction<List<T>>> pending;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      pending = new ArrayList<>(submitted);
      submitted.clear();
    }
    for (SimpleFutureAction<List<T>> job : pending) {
      if (!job.isCompleted()) {
        job.cancel();
      }
    }
  }

  /** Runs in the task: the partition's elements as one list, the task's result. */
  private static final class CollectPartition<T> extends AbstractFunction1<Iterator<T>, List<T>>
      implements Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public List<T> apply(Iterator<T> elements) {
      List<T> all = new ArrayList<>();
      while (elements.hasNext()) {
        all.add(elements.next());
      }
      return all;
    }
  }

  /**
   * Keeps the one partition's list as Spark hands it over (on its scheduler's thread) until the job's
   * value takes it.
   */
  private static final class PartitionResult<T>
      extends AbstractFunction2<Object, List<T>, BoxedUnit> {
    private volatile List<T> elements = List.of();

    @Override
    public BoxedUnit apply(Object partition, List<T> fetched) {
      elements = fetched;
      return BoxedUnit.UNIT;
    }

    List<T> take() {
      List<T> result = elements;
      elements = List.of();
      return result;
    }
  }
}
