package dev.scry.engine.predict;

import dev.scry.planner.predict.ModelRef;
import java.util.Arrays;
import java.util.Objects;
import org.apache.spark.SparkContext;
import org.apache.spark.util.AccumulatorV2;
import scala.Option;

/**
 * The scoring counters of one PREDICT of one statement, as a Spark accumulator: each task counts into
 * its own copy (on whatever executor JVM it runs), Spark sends each task's copy back to the driver with
 * the task's result, and the driver's instance hands every such update to the gateway's {@link
 * ModelUsage}. Failed and killed tasks count too (their batches were scored, their errors are the
 * point), which Spark does only for accumulators registered to count failed values.
 */
public final class ScoringTally extends AccumulatorV2<ScoringFigures, ScoringFigures> {
  private static final long serialVersionUID = 1L;

  private final ModelRef model;

  /** Only on the driver's instance: a copy shipped to a task arrives without it. */
  private final transient ModelUsage usage;

  private long rows;
  private long batches;
  private long errors;
  private long batchNanos;
  private final long[] buckets = new long[ScoringFigures.BUCKET_BOUNDS_MILLIS.size() + 1];
  private long loads;
  private long loadNanos;
  private long lastUsedMillis;

  private ScoringTally(ModelRef model, ModelUsage usage) {
    this.model = Objects.requireNonNull(model, "model");
    this.usage = usage;
  }

  /** A tally of {@code model} registered with {@code context}, reporting to {@code usage}. */
  static ScoringTally register(SparkContext context, ModelRef model, ModelUsage usage) {
    ScoringTally tally = new ScoringTally(model, Objects.requireNonNull(usage, "usage"));
    // Spark's public register() drops the updates of failed tasks; this one keeps them.
    tally.register(context, Option.apply("scry.predict." + model.qualifiedName()), true);
    return tally;
  }

  /** The hook of the scoring loop: a batch of {@code batchRows} rows took {@code nanos}. */
  synchronized void batchScored(int batchRows, long nanos) {
    rows += batchRows;
    batches++;
    batchNanos += nanos;
    buckets[ScoringFigures.bucketOf(nanos)]++;
    lastUsedMillis = System.currentTimeMillis();
  }

  /** The model's session was loaded for this task, taking {@code nanos}. */
  synchronized void modelLoaded(long nanos) {
    loads++;
    loadNanos += nanos;
  }

  /** Scoring a batch (or loading the model for it) failed. */
  synchronized void failed() {
    errors++;
    lastUsedMillis = System.currentTimeMillis();
  }

  @Override
  public synchronized boolean isZero() {
    return rows == 0 && batches == 0 && errors == 0 && loads == 0;
  }

  @Override
  public synchronized ScoringTally copy() {
    ScoringTally copy = new ScoringTally(model, null);
    copy.add(value());
    return copy;
  }

  @Override
  public synchronized void reset() {
    rows = 0;
    batches = 0;
    errors = 0;
    batchNanos = 0;
    Arrays.fill(buckets, 0);
    loads = 0;
    loadNanos = 0;
    lastUsedMillis = 0;
  }

  @Override
  public synchronized void add(ScoringFigures v) {
    rows += v.rows();
    batches += v.batches();
    errors += v.errors();
    batchNanos += v.batchNanos();
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] += v.latencyBuckets().get(i);
    }
    loads += v.loads();
    loadNanos += v.loadNanos();
    lastUsedMillis = Math.max(lastUsedMillis, v.lastUsedMillis());
  }

  /** On the driver, once per finished task: the task's figures join the gateway's totals. */
  @Override
  public void merge(AccumulatorV2<ScoringFigures, ScoringFigures> other) {
    ScoringFigures update = other.value();
    add(update);
    if (usage != null) {
      usage.record(model, update);
    }
  }

  @Override
  public synchronized ScoringFigures value() {
    return new ScoringFigures(
        rows,
        batches,
        errors,
        batchNanos,
        Arrays.stream(buckets).boxed().toList(),
        loads,
        loadNanos,
        lastUsedMillis);
  }
}
