package dev.scry.engine.drift;

import dev.scry.planner.drift.FeatureProfile;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.util.AccumulatorV2;

/**
 * A Spark accumulator of one model version's input statistics, one {@link FeatureStats} per monitored
 * feature: tasks add rows of feature values (NaN for NULL), the driver merges what each task counted.
 * Spark's scheduler merges while SHOW MODEL DRIFT reads, so both hold the accumulator's lock.
 */
final class DriftAccumulator extends AccumulatorV2<double[], List<FeatureProfile>> {
  private static final long serialVersionUID = 1L;

  private final FeatureStats[] features;

  DriftAccumulator(List<FeatureStats> features) {
    this.features = features.toArray(FeatureStats[]::new);
  }

  @Override
  public boolean isZero() {
    return Arrays.stream(features).allMatch(FeatureStats::isEmpty);
  }

  @Override
  public synchronized DriftAccumulator copy() {
    return new DriftAccumulator(Arrays.stream(features).map(FeatureStats::copy).toList());
  }

  @Override
  public synchronized void reset() {
    for (int i = 0; i < features.length; i++) {
      features[i] = features[i].empty();
    }
  }

  /** One row: a value per feature, in the order the accumulator was made with. */
  @Override
  public void add(double[] row) {
    for (int i = 0; i < features.length; i++) {
      features[i].add(row[i]);
    }
  }

  @Override
  public synchronized void merge(AccumulatorV2<double[], List<FeatureProfile>> other) {
    FeatureStats[] theirs = ((DriftAccumulator) other).features;
    for (int i = 0; i < features.length; i++) {
      features[i].merge(theirs[i]);
    }
  }

  @Override
  public synchronized List<FeatureProfile> value() {
    return Arrays.stream(features).map(FeatureStats::profile).toList();
  }
}
