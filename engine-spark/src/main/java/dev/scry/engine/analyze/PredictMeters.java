package dev.scry.engine.analyze;

import dev.scry.engine.predict.ScoringObserver;
import dev.scry.planner.predict.PredictSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.apache.spark.SparkContext;

/**
 * Hands each PREDICT of one EXPLAIN ANALYZE a meter of its own, in the order the plan's translation
 * reaches them (innermost first). Used on the driver by one statement only.
 */
final class PredictMeters implements Function<PredictSpec, ScoringObserver> {
  private final SparkContext context;
  private final List<PredictMeter> meters = new ArrayList<>();

  PredictMeters(SparkContext context) {
    this.context = Objects.requireNonNull(context, "context");
  }

  @Override
  public ScoringObserver apply(PredictSpec spec) {
    PredictMeter meter = PredictMeter.register(context, spec.model().qualifiedName());
    meters.add(meter);
    return meter;
  }

  List<PredictMeter> meters() {
    return List.copyOf(meters);
  }
}
