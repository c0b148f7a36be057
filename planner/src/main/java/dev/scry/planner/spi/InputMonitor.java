package dev.scry.planner.spi;

import dev.scry.planner.QueryPlan;
import dev.scry.planner.catalog.ModelVersion;
import dev.scry.planner.drift.FeatureColumn;
import dev.scry.planner.drift.FeatureProfile;
import dev.scry.planner.drift.ModelBaseline;
import java.util.List;

/**
 * Model input monitoring's engine side: profiles a baseline query at CREATE MODEL, and accumulates the
 * same statistics over what PREDICT scores, per model version, for SHOW MODEL DRIFT.
 */
public interface InputMonitor {
  /** Runs {@code baseline} and profiles each feature of its rows (bins over each feature's range). */
  List<FeatureProfile> profile(QueryPlan baseline, List<FeatureColumn> features);

  /** From now on, PREDICT with {@code version} accumulates statistics against {@code baseline}. */
  void recorded(ModelVersion version, ModelBaseline baseline);

  /**
   * What PREDICT with {@code version} has scored since this gateway started, binned as its baseline;
   * empty profiles (no rows) when it has not scored yet.
   */
  List<FeatureProfile> seen(ModelVersion version, ModelBaseline baseline);
}
