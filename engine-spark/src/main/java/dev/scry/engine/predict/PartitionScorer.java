package dev.scry.engine.predict;

import dev.scry.planner.predict.InputBinding;
import dev.scry.planner.predict.PredictSpec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.TaskCompletionListener;

/**
 * Scores one Spark partition in batches, streaming: it holds one batch of rows at a time. Serialized into
 * the task with only the spec; the session comes from the executor's {@link OrtSessionCache}.
 */
final class PartitionScorer implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  private final PredictSpec spec;
  private final ScoringTally tally;
  private final ScoringObserver observer;
  private final InputObserver inputs;

  /**
   * @param tally the statement's counters of this model version (metrics, scry.model_usage)
   * @param observer EXPLAIN ANALYZE's meter, or {@link ScoringObserver#NONE}
   * @param inputs model input monitoring, or {@link InputObserver#NONE}
   */
  PartitionScorer(
      PredictSpec spec, ScoringTally tally, ScoringObserver observer, InputObserver inputs) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.tally = Objects.requireNonNull(tally, "tally");
    this.observer = Objects.requireNonNull(observer, "observer");
    this.inputs = Objects.requireNonNull(inputs, "inputs");
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    return new ScoredRows(rows);
  }

  /**
   * Rows per batch: the spec's batch size, unless the model declares a fixed batch dimension (a [1,3]
   * input rejects any other number of rows).
   */
  static int batchSize(PredictSpec spec) {
    return spec.inputs().stream()
        .map(InputBinding::input)
        .filter(input -> !input.shape().isEmpty() && input.shape().get(0) > 0)
        .mapToInt(input -> Math.toIntExact(input.shape().get(0)))
        .min()
        .orElse(spec.batchSize());
  }

  private final class ScoredRows implements Iterator<Row> {
    private final Iterator<Row> source;
    private final int batchSize = batchSize(spec);
    private final int[] carried =
        spec.carriedFields().stream().mapToInt(Integer::intValue).toArray();
    private SplitBatchScorer scorer;
    private OrtSessionCache.Lease lease;
    private IdleCores.Scoring cores;
    private List<Row> batch = List.of();
    private Object[][] scores;
    private int position;

    ScoredRows(Iterator<Row> source) {
      this.source = source;
    }

    @Override
    public boolean hasNext() {
      if (position < batch.size()) {
        return true;
      }
      if (!source.hasNext()) {
        releaseSession();
        return false;
      }
      // A cancelled statement's task stops here, within one batch: Spark only flags a task as
      // killed,
      // and generated code feeding this iterator (a join loop, say) never looks at the flag itself.
      TaskContext running = TaskContext.get();
      if (running != null) {
        running.killTaskIfInterrupted();
      }
      List<Row> next = new ArrayList<>(Math.min(batchSize, 4096));
      while (next.size() < batchSize && source.hasNext()) {
        next.add(source.next());
      }
      // Model input monitoring: the batch's inputs, before they are scored.
      inputs.batchRows(next);
      long start = System.nanoTime();
      try {
        if (scorer == null) { // opened only for partitions that have rows
          openScorer();
          start = System.nanoTime();
        }
        scores = scorer.score(next, cores.helpers(), cores.pool());
      } catch (RuntimeException e) {
        tally.failed();
        throw e;
      }
      long nanos = System.nanoTime() - start;
      tally.batchScored(next.size(), nanos);
      observer.batchScored(next.size(), nanos);
      batch = next;
      position = 0;
      return true;
    }

    private void openScorer() {
      lease = OrtSessionCache.shared().acquire(spec.model());
      TaskContext task = TaskContext.get();
      if (task != null) { // a task stopped early (LIMIT, failure) still gives the session back
        task.addTaskCompletionListener((TaskCompletionListener) context -> releaseSession());
      }
      if (lease.loadNanos() > 0) {
        tally.modelLoaded(lease.loadNanos());
      }
      OrtSessionCache.Lease leased = lease;
      scorer = new SplitBatchScorer(() -> new BatchScorer(spec, leased));
      cores = IdleCores.shared().startScoring();
    }

    private void releaseSession() {
      if (cores != null) {
        cores.close();
      }
      if (lease != null) {
        lease.close();
      }
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Row row = batch.get(position);
      Object[] predicted = scores[position];
      position++;
      Object[] values = new Object[carried.length + predicted.length];
      for (int i = 0; i < carried.length; i++) {
        values[i] = row.get(carried[i]);
      }
      System.arraycopy(predicted, 0, values, carried.length, predicted.length);
      return RowFactory.create(values);
    }
  }
}
