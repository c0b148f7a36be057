package dev.scry.planner.rule;

import dev.scry.planner.operator.ScalarPredictFunction;
import dev.scry.planner.scan.LakeScanSpecs;

/**
 * Scry's planner rules in one place, as Calcite's CoreRules holds its own. A rule whose work needs
 * something of the session or the lake (the function that binds models, the folders to list) takes it
 * through its configuration, so those are made here by a method rather than held as constants.
 */
public final class ScryRules {
  private ScryRules() {}

  /** {@code TABLE(PREDICT(MODEL => …, DATA => …))} as a {@link dev.scry.planner.rel.PredictRel}. */
  public static final PredictTableFunctionRule PREDICT_TABLE_FUNCTION =
      PredictTableFunctionRule.CONFIG.toRule();

  /** A Filter's conjuncts on DATA columns a PredictRel carries, moved below it: fewer rows scored. */
  public static final FilterPredictTransposeRule FILTER_PREDICT_TRANSPOSE =
      FilterPredictTransposeRule.CONFIG.toRule();

  /** Each {@code PREDICT('model', …)} of a Project as a PredictRel below it. */
  public static ScalarPredictRule scalarPredict(ScalarPredictFunction scalar) {
    return ScalarPredictRule.Config.of(scalar).toRule();
  }

  /** A Filter on a lake table's scan: conjuncts pushed to the source, partition folders pruned. */
  public static LakeScanRule lakeFilterScan(LakeScanSpecs specs) {
    return LakeScanRule.Config.filter(specs).toRule();
  }

  /** Time travel: a snapshot of a lake table to a scan of that version (before the two above). */
  public static LakeSnapshotRule lakeSnapshot(LakeScanSpecs specs) {
    return LakeSnapshotRule.Config.of(specs).toRule();
  }

  /** A Filter on a time-travel snapshot of a lake table: its conjuncts pushed into the scan. */
  public static LakeSnapshotRule lakeFilterSnapshot(LakeScanSpecs specs) {
    return LakeSnapshotRule.Config.filtered(specs).toRule();
  }

  /** A lake table's scan left without a filter: every folder read. */
  public static LakeScanRule lakeScan(LakeScanSpecs specs) {
    return LakeScanRule.Config.scan(specs).toRule();
  }
}
