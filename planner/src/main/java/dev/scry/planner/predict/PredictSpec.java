package dev.scry.planner.predict;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Everything the engine needs to score one PREDICT: the model version, the batch size, how each model
 * input is filled from the DATA row, which DATA fields are carried into the result, and which columns are
 * appended after them. Immutable and serializable: it is shipped inside Spark tasks.
 *
 * <p>A bound PREDICT carries every DATA field; the planner's field trimming ({@code PredictFieldTrimmer})
 * narrows {@code carriedFields} and {@code outputs} to what the query reads, so a field that only feeds
 * the model, or an output nobody selects, is never copied into result rows.
 */
public record PredictSpec(
    ModelRef model,
    int batchSize,
    List<InputBinding> inputs,
    List<Integer> carriedFields,
    List<OutputColumn> outputs)
    implements Serializable {
  public PredictSpec {
    Objects.requireNonNull(model, "model");
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
    }
    inputs = List.copyOf(inputs);
    carriedFields = List.copyOf(carriedFields);
    outputs = List.copyOf(outputs);
    if (outputs.isEmpty()) {
      throw new IllegalArgumentException("a PREDICT appends at least one output column");
    }
  }

  /** A spec that carries all {@code dataFieldCount} DATA fields, as PREDICT's own row type does. */
  public static PredictSpec carryingAll(
      ModelRef model,
      int batchSize,
      List<InputBinding> inputs,
      int dataFieldCount,
      List<OutputColumn> outputs) {
    return new PredictSpec(model, batchSize, inputs, allFields(dataFieldCount), outputs);
  }

  /** Whether every one of {@code dataFieldCount} DATA fields is carried, in order. */
  public boolean carriesAll(int dataFieldCount) {
    return carriedFields.equals(allFields(dataFieldCount));
  }

  private static List<Integer> allFields(int dataFieldCount) {
    return IntStream.range(0, dataFieldCount).boxed().toList();
  }

  /** The same scoring, carrying other DATA fields and appending other outputs. */
  public PredictSpec narrowed(
      List<InputBinding> newInputs, List<Integer> newCarriedFields, List<OutputColumn> newOutputs) {
    return new PredictSpec(model, batchSize, newInputs, newCarriedFields, newOutputs);
  }
}
