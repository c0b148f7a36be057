package dev.scry.engine.drift;

import dev.scry.planner.drift.FeatureProfile;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * The running statistics of one monitored feature, added to in a task and merged on the driver: rows,
 * missing (NULL or NaN) values, sum and sum of squares, min, max, and {@link FeatureProfile#BINS} bins
 * over the fixed range [lo, hi] (the baseline's), values outside it counted in the edge bins.
 */
final class FeatureStats implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String input;
  private final int position;
  private final double lo;
  private final double hi;
  private final long[] bins = new long[FeatureProfile.BINS];
  private long rows;
  private long missing;
  private double sum;
  private double sumOfSquares;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;

  FeatureStats(String input, int position, double lo, double hi) {
    this.input = Objects.requireNonNull(input, "input");
    this.position = position;
    this.lo = lo;
    this.hi = hi;
  }

  /** The same feature and range, with nothing counted. */
  FeatureStats empty() {
    return new FeatureStats(input, position, lo, hi);
  }

  boolean isEmpty() {
    return rows == 0;
  }

  /** Counts one row's value; NaN stands for NULL as well. */
  void add(double value) {
    rows++;
    if (Double.isNaN(value)) {
      missing++;
      return;
    }
    sum += value;
    sumOfSquares += value * value;
    min = Math.min(min, value);
    max = Math.max(max, value);
    bins[bin(value)]++;
  }

  private int bin(double value) {
    if (!(hi > lo)) { // a constant baseline: its value in the first bin, larger ones in the last
      return value > hi ? bins.length - 1 : 0;
    }
    int bin = (int) Math.floor((value - lo) / (hi - lo) * bins.length);
    return Math.max(0, Math.min(bins.length - 1, bin));
  }

  void merge(FeatureStats other) {
    rows += other.rows;
    missing += other.missing;
    sum += other.sum;
    sumOfSquares += other.sumOfSquares;
    min = Math.min(min, other.min);
    max = Math.max(max, other.max);
    for (int i = 0; i < bins.length; i++) {
      bins[i] += other.bins[i];
    }
  }

  FeatureStats copy() {
    FeatureStats copy = empty();
    copy.merge(this);
    return copy;
  }

  FeatureProfile profile() {
    long present = rows - missing;
    double mean = present == 0 ? Double.NaN : sum / present;
    double variance = present == 0 ? Double.NaN : Math.max(0, sumOfSquares / present - mean * mean);
    return new FeatureProfile(
        input,
        position,
        rows,
        missing,
        mean,
        Math.sqrt(variance),
        present == 0 ? Double.NaN : min,
        present == 0 ? Double.NaN : max,
        Arrays.stream(bins).boxed().toList());
  }
}
