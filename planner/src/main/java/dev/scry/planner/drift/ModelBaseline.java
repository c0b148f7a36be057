package dev.scry.planner.drift;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/** What a model version's training data looked like, per monitored input, as CREATE MODEL recorded it. */
public record ModelBaseline(String source, List<FeatureProfile> features) implements Serializable {
  public ModelBaseline {
    Objects.requireNonNull(source, "source");
    features = List.copyOf(features);
  }
}
