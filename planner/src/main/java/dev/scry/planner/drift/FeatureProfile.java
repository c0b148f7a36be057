package dev.scry.planner.drift;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * Statistics of one monitored model input value: a scalar input, or one element position of a tensor
 * input ({@code position} from 0; -1 for a scalar). {@code rows} counts every row seen, {@code missing}
 * those whose value was NULL or NaN; mean, std (population), min and max are over the other rows.
 * {@code bins} counts those rows in {@link #BINS} equal-width bins over the baseline's [min, max]; a
 * value outside that range is counted in the first or last bin.
 */
public record FeatureProfile(
    String input,
    int position,
    long rows,
    long missing,
    double mean,
    double std,
    double min,
    double max,
    List<Long> bins)
    implements Serializable {
  /** Fixed bins per feature: ten is the usual choice for the population stability index. */
  public static final int BINS = 10;

  public FeatureProfile {
    Objects.requireNonNull(input, "input");
    bins = List.copyOf(bins);
  }

  /** {@code float_input[2]} for an element, the input's name for a scalar. */
  public String name() {
    return position < 0 ? input : input + "[" + position + "]";
  }

  /** The share of rows whose value was NULL or NaN; 0 when no rows were seen. */
  public double missingShare() {
    return rows == 0 ? 0 : (double) missing / rows;
  }
}
