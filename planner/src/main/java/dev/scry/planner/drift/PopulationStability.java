package dev.scry.planner.drift;

import java.util.List;

/**
 * The population stability index of a feature's current bins against its baseline's:
 * {@code sum((q - p) * ln(q / p))} over the bins, p and q the shares of non-missing rows in each bin.
 * An empty bin counts as a share of {@link #FLOOR}, so the index stays finite. By the usual reading,
 * below 0.1 is stable, 0.1 to 0.2 a moderate shift, above 0.2 a significant one.
 */
public final class PopulationStability {
  static final double FLOOR = 1e-4;

  private PopulationStability() {}

  /** The index, or NaN when either side has no non-missing rows. */
  public static double index(List<Long> baseline, List<Long> current) {
    if (baseline.size() != current.size()) {
      throw new IllegalArgumentException("bins differ: " + baseline.size() + ", " + current.size());
    }
    double baselineTotal = baseline.stream().mapToLong(Long::longValue).sum();
    double currentTotal = current.stream().mapToLong(Long::longValue).sum();
    if (baselineTotal == 0 || currentTotal == 0) {
      return Double.NaN;
    }
    double psi = 0;
    for (int i = 0; i < baseline.size(); i++) {
      double p = Math.max(baseline.get(i) / baselineTotal, FLOOR);
      double q = Math.max(current.get(i) / currentTotal, FLOOR);
      psi += (q - p) * Math.log(q / p);
    }
    return psi;
  }
}
