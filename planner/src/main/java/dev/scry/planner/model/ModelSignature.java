package dev.scry.planner.model;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/** The inputs and outputs of an ONNX graph, in graph order (initializers are not inputs). */
public record ModelSignature(List<ModelInput> inputs, List<ModelOutput> outputs)
    implements Serializable {
  public ModelSignature {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  public Optional<ModelInput> input(String name) {
    return inputs.stream().filter(i -> i.name().equalsIgnoreCase(name)).findFirst();
  }
}
