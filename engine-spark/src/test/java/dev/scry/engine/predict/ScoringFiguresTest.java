package dev.scry.engine.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Batch figures add bucket by bucket, and the p95 is read from the buckets. */
class ScoringFiguresTest {
  @Test
  void batchesFallInTheirBuckets() {
    assertEquals(0, ScoringFigures.bucketOf(50_000)); // 0.05 ms
    assertEquals(3, ScoringFigures.bucketOf(1_000_000)); // 1 ms: a bound is inclusive
    assertEquals(4, ScoringFigures.bucketOf(1_000_001));
    assertEquals(
        ScoringFigures.BUCKET_BOUNDS_MILLIS.size(), ScoringFigures.bucketOf(60_000_000_000L));
  }

  @Test
  void p95IsTheBoundOfTheBucketHoldingIt() {
    // 95 batches of at most 1 ms and 5 of at most 100 ms: the 95th is in the 1 ms bucket.
    ScoringFigures figures = withBuckets(3, 95, 9, 5);
    assertEquals(1.0, figures.p95BatchMillis());
    assertEquals(100.0, withBuckets(3, 94, 9, 6).p95BatchMillis());
    assertNull(ScoringFigures.NONE.p95BatchMillis());
    assertNull(ScoringFigures.NONE.meanBatchMillis());
  }

  @Test
  void spansAdd() {
    ScoringFigures a = new ScoringFigures(10, 2, 0, 4_000_000, buckets(3, 2), 1, 7, 100);
    ScoringFigures b = new ScoringFigures(5, 1, 1, 2_000_000, buckets(4, 1), 0, 0, 50);
    ScoringFigures sum = a.plus(b);
    assertEquals(15, sum.rows());
    assertEquals(3, sum.batches());
    assertEquals(1, sum.errors());
    assertEquals(2.0, sum.meanBatchMillis());
    assertEquals(2L, sum.latencyBuckets().get(3));
    assertEquals(1L, sum.latencyBuckets().get(4));
    assertEquals(1, sum.loads());
    assertEquals(100, sum.lastUsedMillis());
  }

  private static ScoringFigures withBuckets(
      int first, long firstCount, int second, long secondCount) {
    List<Long> counts = buckets(first, firstCount);
    counts.set(second, secondCount);
    return new ScoringFigures(0, firstCount + secondCount, 0, 0, counts, 0, 0, 0);
  }

  private static List<Long> buckets(int index, long count) {
    List<Long> counts = new ArrayList<>(ScoringFigures.zeroBuckets());
    counts.set(index, count);
    return counts;
  }
}
