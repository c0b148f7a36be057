package dev.scry.engine;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * The rows of one query: streamed partition by partition from Spark, or collected in one job when Spark
 * estimates the result small (see {@link ResultFetch}).
 * Each step runs the Spark jobs it needs inside the execution's job group, so that
 * {@link QueryRunner#cancel(String)} reaches them from any thread. {@code onFinish} runs once, when the
 * rows are exhausted or the cursor is closed before. Not thread-safe: one reader at a time.
 */
public final class ResultCursor implements AutoCloseable {
  private final SparkContext context;
  private final String jobGroupId;
  private final String description;
  private final StructType schema;
  private final JavaValues values;
  private final Runnable onFinish;
  private Iterator<Row> rows;

  /** The streamed rows when they can be read as values directly (see {@link PlainValues}), else null. */
  private ReadAheadRows plainRows;

  private boolean exhausted;
  private boolean closed;

  /** Set from another thread by {@link QueryRunner#cancel}: a collected result runs no job that could fail. */
  private volatile boolean cancelled;

  ResultCursor(
      SparkContext context,
      String jobGroupId,
      String description,
      StructType schema,
      Iterator<Row> rows,
      JavaValues values,
      Runnable onFinish) {
    this.context = Objects.requireNonNull(context, "context");
    this.jobGroupId = Objects.requireNonNull(jobGroupId, "jobGroupId");
    this.description = description;
    this.schema = Objects.requireNonNull(schema, "schema");
    this.rows = Objects.requireNonNull(rows, "rows");
    this.plainRows =
        rows instanceof ReadAheadRows readAhead && readAhead.readsValues() ? readAhead : null;
    this.values = Objects.requireNonNull(values, "values");
    this.onFinish = Objects.requireNonNull(onFinish, "onFinish");
  }

  /** Column names and Spark types of the rows, matching the plan's row type. */
  public StructType schema() {
    return schema;
  }

  public String jobGroupId() {
    return jobGroupId;
  }

  public boolean hasNext() {
    if (closed || exhausted) {
      return false;
    }
    throwIfCancelled();
    try (JobGroup ignored = JobGroup.enter(context, jobGroupId, description)) {
      return moreRows();
    }
  }

  /** Whether Spark's iterator has another row, ending the result when not. Runs inside the job group. */
  private boolean moreRows() {
    boolean more = rows.hasNext();
    if (!more) {
      exhausted = true;
      onFinish.run();
    }
    return more;
  }

  /** The next row's values as plain Java objects (see {@link JavaValues}). */
  public Object[] next() {
    if (!hasNext()) {
      throw new NoSuchElementException("No more rows in the result of job group " + jobGroupId);
    }
    try (JobGroup ignored = JobGroup.enter(context, jobGroupId, description)) {
      return nextValues();
    }
  }

  /** The next row's values: read straight from Spark's compact row when it can, else from a Row. */
  private Object[] nextValues() {
    return plainRows != null ? plainRows.nextValues() : values.toJava(rows.next());
  }

  /**
   * Up to {@code max} next rows, fewer only at the end of the result. One job-group scope for the
   * whole batch: entering it per row (three thread-local properties set and restored, twice per row)
   * cost as much as reading the row from Spark's iterator.
   */
  public List<Object[]> nextBatch(int max) {
    List<Object[]> batch = new ArrayList<>(Math.max(0, Math.min(max, 1024)));
    if (closed || exhausted || max <= 0) {
      return batch;
    }
    throwIfCancelled();
    try (JobGroup ignored = JobGroup.enter(context, jobGroupId, description)) {
      while (batch.size() < max && moreRows()) {
        batch.add(nextValues());
      }
    }
    return batch;
  }

  /** Makes the next step fail, as it fails when Spark cancels the job of a streamed partition. */
  void cancel() {
    cancelled = true;
  }

  private void throwIfCancelled() {
    if (cancelled) {
      throw new CancellationException(
          "The execution in job group " + jobGroupId + " was cancelled");
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (rows instanceof ReadAheadRows readAhead) {
      // Partitions fetched ahead: their jobs stop and what they hold goes with the iterator.
      readAhead.close();
    }
    rows = null;
    plainRows = null;
    if (!exhausted) {
      // Nothing runs between steps, but a partition may still be computing when another thread
      // closes.
      context.cancelJobGroupAndFutureJobs(jobGroupId);
      onFinish.run();
    }
  }
}
