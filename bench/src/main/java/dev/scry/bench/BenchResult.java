package dev.scry.bench;

import java.util.Objects;

/** One line of the bench table: Scry's figure, the baseline's, their ratio and the target. */
record BenchResult(
    String id,
    String measure,
    String scry,
    String baseline,
    String ratio,
    String target,
    boolean met) {
  BenchResult {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(measure, "measure");
  }
}
