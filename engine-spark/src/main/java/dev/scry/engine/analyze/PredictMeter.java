package dev.scry.engine.analyze;

import dev.scry.engine.predict.ScoringObserver;
import java.util.Locale;
import java.util.Objects;
import org.apache.spark.SparkContext;
import org.apache.spark.util.LongAccumulator;

/**
 * What one PREDICT of an EXPLAIN ANALYZE scored, counted in the tasks with Spark accumulators and read
 * on the driver once the query has run. Counts come from successful task attempts; a partition Spark
 * computes twice (a lost shuffle's stage re-run) is counted twice, as the work was done twice.
 */
record PredictMeter(
    String model, LongAccumulator rows, LongAccumulator batches, LongAccumulator nanos)
    implements ScoringObserver {
  private static final long serialVersionUID = 1L;

  PredictMeter {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(rows, "rows");
    Objects.requireNonNull(batches, "batches");
    Objects.requireNonNull(nanos, "nanos");
  }

  /** A meter whose accumulators are registered with {@code context} (named, so Spark's UI shows them). */
  static PredictMeter register(SparkContext context, String model) {
    String prefix = "scry.predict." + model + ".";
    return new PredictMeter(
        model,
        context.longAccumulator(prefix + "rows"),
        context.longAccumulator(prefix + "batches"),
        context.longAccumulator(prefix + "nanos"));
  }

  @Override
  public void batchScored(int scored, long took) {
    rows.add(scored);
    batches.add(1);
    nanos.add(took);
  }

  /** One line: rows, batches, ONNX Runtime time summed over tasks, and rows per second of that time. */
  String describe() {
    long scored = rows.value();
    long took = nanos.value();
    String rate =
        took > 0 ? String.format(Locale.ROOT, "%,d", scored * 1_000_000_000L / took) : "-";
    return String.format(
        Locale.ROOT,
        "PREDICT %s: rows scored %d, batches %d, scoring time %.1f ms, rows/s %s",
        model,
        scored,
        batches.value(),
        took / 1e6,
        rate);
  }
}
