package dev.scry.engine.predict;

import dev.scry.planner.predict.ModelRef;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkContext;

/**
 * What PREDICT scored per model version since the gateway started, on the driver: the figures of every
 * finished scoring task, wherever it ran, arrive through the {@link ScoringTally} of its statement.
 * Read by {@code /metrics} and {@code scry.model_usage}. One entry per model version ever used, so it
 * grows only with the registry.
 */
public final class ModelUsage {
  /** One model version's totals. */
  public record VersionUsage(String model, int version, ScoringFigures figures) {
    public VersionUsage {
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(figures, "figures");
    }
  }

  private record Key(String model, int version) {}

  private final Map<Key, ScoringFigures> totals = new ConcurrentHashMap<>();

  /** A new tally for one PREDICT of a statement, counting into this usage. */
  ScoringTally tally(SparkContext context, ModelRef model) {
    return ScoringTally.register(context, model, this);
  }

  void record(ModelRef model, ScoringFigures update) {
    totals.merge(new Key(model.name(), model.version()), update, ScoringFigures::plus);
  }

  /** The totals of one model version; {@link ScoringFigures#NONE} when it never scored. */
  public ScoringFigures figures(String model, int version) {
    return totals.getOrDefault(new Key(model, version), ScoringFigures.NONE);
  }

  /** Every model version used so far, by name and version. */
  public List<VersionUsage> snapshot() {
    return totals.entrySet().stream()
        .map(e -> new VersionUsage(e.getKey().model(), e.getKey().version(), e.getValue()))
        .sorted(
            Comparator.comparing(VersionUsage::model, String.CASE_INSENSITIVE_ORDER)
                .thenComparingInt(VersionUsage::version))
        .toList();
  }
}
