package dev.scry.engine.predict;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What scoring did for one model version over some span (one task, or the gateway's life): rows and
 * batches scored, batches that failed, the time spent in ONNX Runtime per batch (a sum and a histogram
 * over {@link #BUCKET_BOUNDS_MILLIS}), sessions loaded and the time that took, and when it last scored
 * (epoch milliseconds, 0 for never). Immutable; {@link #plus} adds two spans.
 */
public record ScoringFigures(
    long rows,
    long batches,
    long errors,
    long batchNanos,
    List<Long> latencyBuckets,
    long loads,
    long loadNanos,
    long lastUsedMillis)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * Upper bounds of the batch latency buckets, in milliseconds; a last bucket holds everything slower.
   * Fixed, so that figures from every task and executor add bucket by bucket.
   */
  public static final List<Double> BUCKET_BOUNDS_MILLIS =
      List.of(
          0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 25.0, 50.0, 100.0, 250.0, 500.0, 1000.0, 2500.0,
          5000.0, 10000.0);

  public static final ScoringFigures NONE = new ScoringFigures(0, 0, 0, 0, zeroBuckets(), 0, 0, 0);

  public ScoringFigures {
    latencyBuckets = List.copyOf(latencyBuckets);
    if (latencyBuckets.size() != BUCKET_BOUNDS_MILLIS.size() + 1) {
      throw new IllegalArgumentException(
          "Expected " + (BUCKET_BOUNDS_MILLIS.size() + 1) + " buckets: " + latencyBuckets);
    }
  }

  /** The bucket a batch of {@code nanos} falls in. */
  static int bucketOf(long nanos) {
    double millis = nanos / 1e6;
    for (int i = 0; i < BUCKET_BOUNDS_MILLIS.size(); i++) {
      if (millis <= BUCKET_BOUNDS_MILLIS.get(i)) {
        return i;
      }
    }
    return BUCKET_BOUNDS_MILLIS.size();
  }

  static List<Long> zeroBuckets() {
    List<Long> zeros = new ArrayList<>();
    for (int i = 0; i <= BUCKET_BOUNDS_MILLIS.size(); i++) {
      zeros.add(0L);
    }
    return zeros;
  }

  public ScoringFigures plus(ScoringFigures other) {
    List<Long> buckets = new ArrayList<>(latencyBuckets.size());
    for (int i = 0; i < latencyBuckets.size(); i++) {
      buckets.add(latencyBuckets.get(i) + other.latencyBuckets.get(i));
    }
    return new ScoringFigures(
        rows + other.rows,
        batches + other.batches,
        errors + other.errors,
        batchNanos + other.batchNanos,
        buckets,
        loads + other.loads,
        loadNanos + other.loadNanos,
        Math.max(lastUsedMillis, other.lastUsedMillis));
  }

  /** The mean time of a batch in milliseconds; null before the first batch. */
  public Double meanBatchMillis() {
    return batches == 0 ? null : batchNanos / 1e6 / batches;
  }

  /**
   * The 95th percentile of batch time in milliseconds, as the upper bound of the bucket it falls in
   * (the slowest bucket has no bound: its lower one is given); null before the first batch.
   */
  public Double p95BatchMillis() {
    long total = latencyBuckets.stream().mapToLong(Long::longValue).sum();
    if (total == 0) {
      return null;
    }
    long needed = (long) Math.ceil(total * 0.95);
    long seen = 0;
    for (int i = 0; i < BUCKET_BOUNDS_MILLIS.size(); i++) {
      seen += latencyBuckets.get(i);
      if (seen >= needed) {
        return BUCKET_BOUNDS_MILLIS.get(i);
      }
    }
    return BUCKET_BOUNDS_MILLIS.get(BUCKET_BOUNDS_MILLIS.size() - 1);
  }
}
