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
  private final Map<String, UnzippedModel.ClassTensor> classTensors;

  /** The session's output names to fetch: a ZipMap output is fetched as the tensor that replaced it. */
  private final Set<String> fetchedOutputs;

  BatchScorer(PredictSpec spec, OrtSessionCache.Lease lease) {
    this(spec, lease.session(), lease.classTensors());
  }

  BatchScorer(
      PredictSpec spec, OrtSession session, Map<String, UnzippedModel.ClassTensor> classTensors) {
    this.spec = spec;
    this.session = session;
    this.classTensors = Map.copyOf(classTensors);
    this.inputTensors = new InputTensors(spec.model());
    this.outputValues = new OutputValues(spec.model(), this.classTensors);
    this.fetchedOutputs =
        spec.outputs().stream()
            .map(OutputColumn::outputName)
            .map(this::fetchedName)
            .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  private String fetchedName(String outputName) {
    UnzippedModel.ClassTensor tensor = classTensors.get(outputName);
    return tensor == null ? outputName : tensor.tensorName();
  }

  /** The output column values of each row, in the order of {@code spec.outputs()}. */
  Object[][] score(List<Row> rows) {
    Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
    try {
      for (InputBinding binding : spec.inputs()) {
        inputs.put(binding.input().name(), inputTensors.build(env, binding, rows));
      }
      try (OrtSession.Result result = session.run(inputs, fetchedOutputs)) {
        Map<String, OnnxValue> fetched = new LinkedHashMap<>();
        result.forEach(entry -> fetched.put(entry.getKey(), entry.getValue()));
        Map<String, OnnxValue> outputs = new LinkedHashMap<>();
        for (OutputColumn column : spec.outputs()) {
          outputs.put(column.outputName(), fetched.get(fetchedName(column.outputName())));
        }
        return outputValues.extract(spec.outputs(), outputs, rows.size());
      }
    } catch (OrtException e) {
      throw new ModelScoringException(
          "ONNX Runtime failed to score model "
              + spec.model().qualifiedName()
              + " on a batch of "
              + rows.size()
              + " rows with inputs "
              + describeInputs()
              + ": "
              + e.getMessage(),
          e);
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  private String describeInputs() {
    return spec.inputs().stream()
        .map(
            b ->
                b.input().name()
                    + " "
                    + b.input().describe()
                    + " <- "
                    + String.join(", ", b.fieldNames()))
        .collect(Collectors.joining("; ", "[", "]"));
  }
}
