package dev.scry.engine.predict;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.scry.planner.predict.InputBinding;
import dev.scry.planner.predict.OutputColumn;
import dev.scry.planner.predict.PredictSpec;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;

/** Scores one batch of rows with a session: builds the input tensors, runs, reads the output columns. */
final class BatchScorer {
  private final PredictSpec spec;
  private final OrtSession session;
  private final OrtEnvironment env = OrtEnvironment.getEnvironment();
  private final InputTensors inputTensors;
  private final OutputValues outputValues;
  private final Set<String> requestedOutputs;

  BatchScorer(PredictSpec spec, OrtSession session) {
    this.spec = spec;
    this.session = session;
    this.inputTensors = new InputTensors(spec.model());
    this.outputValues = new OutputValues(spec.model());
    this.requestedOutputs = spec.outputs().stream().map(OutputColumn::outputName)
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /** The output column values of each row, in the order of {@code spec.outputs()}. */
  Object[][] score(List<Row> rows) {
    Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
    try {
      for (InputBinding binding : spec.inputs()) {
        inputs.put(binding.input().name(), inputTensors.build(env, binding, rows));
      }
      try (OrtSession.Result result = session.run(inputs, requestedOutputs)) {
        Map<String, OnnxValue> outputs = new LinkedHashMap<>();
        result.forEach(entry -> outputs.put(entry.getKey(), entry.getValue()));
        return outputValues.extract(spec.outputs(), outputs, rows.size());
      }
    } catch (OrtException e) {
      throw new ModelScoringException("ONNX Runtime failed to score model " + spec.model().qualifiedName()
          + " on a batch of " + rows.size() + " rows with inputs " + describeInputs() + ": " + e.getMessage(), e);
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  private String describeInputs() {
    return spec.inputs().stream()
        .map(b -> b.input().name() + " " + b.input().describe() + " <- " + String.join(", ", b.fieldNames()))
        .collect(Collectors.joining("; ", "[", "]"));
  }
}
