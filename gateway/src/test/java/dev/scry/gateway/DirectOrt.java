package dev.scry.gateway;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.scry.testing.TestData;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ONNX Runtime called directly, without Scry: the independent reference for models that have no
 * scikit-learn expected outputs in the test data.
 */
final class DirectOrt {
  private DirectOrt() {}

  /** Runs the model file on the given input arrays (float[][], String[][], long[][] …); outputs by name. */
  static Map<String, Object> run(String modelFile, Map<String, Object> inputs) throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    Map<String, OnnxTensor> tensors = new HashMap<>();
    try (OrtSession session =
        env.createSession(TestData.model(modelFile).toString(), new OrtSession.SessionOptions())) {
      for (Map.Entry<String, Object> input : inputs.entrySet()) {
        tensors.put(input.getKey(), OnnxTensor.createTensor(env, input.getValue()));
      }
      try (OrtSession.Result result = session.run(tensors)) {
        Map<String, Object> values = new HashMap<>();
        for (Map.Entry<String, OnnxValue> output : result) {
          values.put(output.getKey(), output.getValue().getValue());
        }
        return values;
      }
    } finally {
      tensors.values().forEach(OnnxTensor::close);
    }
  }

  /** The probability of class {@code label} in row {@code row} of a ZipMap output (a list of maps). */
  static float zipMapProbability(Object zipMap, int row, long label) {
    Object map = ((List<?>) zipMap).get(row);
    if (map instanceof OnnxValue value) {
      try {
        map = value.getValue();
      } catch (OrtException e) {
        throw new IllegalStateException(e);
      }
    }
    return ((Number) ((Map<?, ?>) map).get(label)).floatValue();
  }

  /** True when ONNX Runtime can create a session for that model in this JVM (the text model needs a locale). */
  static boolean canLoad(String modelFile) {
    try (OrtSession session =
        OrtEnvironment.getEnvironment()
            .createSession(TestData.model(modelFile).toString(), new OrtSession.SessionOptions())) {
      return session != null;
    } catch (OrtException e) {
      return false;
    }
  }
}
