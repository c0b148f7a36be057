package dev.scry.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** Repeated samples of one quantity (seconds, bytes …) with their median and spread. */
record Measure(String label, String unit, List<Double> samples) {
  Measure {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(unit, "unit");
    samples = List.copyOf(samples);
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("no samples for " + label);
    }
  }

  double median() {
    return percentile(50);
  }

  /** Nearest-rank percentile. */
  double percentile(double p) {
    List<Double> sorted = new ArrayList<>(samples);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  double min() {
    return Collections.min(samples);
  }

  double max() {
    return Collections.max(samples);
  }

  /** Spread as (max - min) / median, in percent. */
  double spreadPercent() {
    double median = median();
    return median == 0 ? 0 : (max() - min()) / median * 100;
  }
}
