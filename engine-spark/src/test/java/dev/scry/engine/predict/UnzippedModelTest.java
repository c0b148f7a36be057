package dev.scry.engine.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxMap;
import ai.onnxruntime.OnnxSequence;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.scry.testing.TestData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnzippedModelTest {
  private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

  @Test
  void rfIrisZipMapBecomesItsProbabilityTensorWithTheSameValues() throws Exception {
    byte[] original = TestData.bytes(TestData.model("skl2onnx_rf_iris.onnx"));
    UnzippedModel unzipped = UnzippedModel.of(original);

    UnzippedModel.ClassTensor classes = unzipped.classTensors().get("output_probability");
    assertEquals(List.of("0", "1", "2"), classes.classLabels());
    float[][] rows = {{5.1f, 3.5f, 1.4f, 0.2f}, {6.7f, 3.0f, 5.2f, 2.3f}, {5.9f, 3.0f, 4.2f, 1.5f}};
    try (OrtSession zipped = ENV.createSession(original);
        OrtSession plain = ENV.createSession(unzipped.bytes());
        OnnxTensor input = OnnxTensor.createTensor(ENV, rows);
        OrtSession.Result maps = zipped.run(Map.of("float_input", input));
        OrtSession.Result tensors = plain.run(Map.of("float_input", input))) {
      assertEquals(
          List.of("output_label", classes.tensorName()),
          List.copyOf(plain.getOutputNames()),
          "the ZipMap output is replaced in place; the label output is untouched");
      assertArrayEquals(
          (long[]) maps.get("output_label").orElseThrow().getValue(),
          (long[]) tensors.get("output_label").orElseThrow().getValue());
      float[][] probabilities =
          (float[][]) tensors.get(classes.tensorName()).orElseThrow().getValue();
      List<? extends OnnxValue> perRow =
          ((OnnxSequence) maps.get("output_probability").orElseThrow()).getValue();
      assertEquals(rows.length, probabilities.length);
      for (int r = 0; r < rows.length; r++) {
        Map<?, ?> map = ((OnnxMap) perRow.get(r)).getValue();
        for (String label : classes.classLabels()) {
          float expected = ((Number) map.get(Long.valueOf(label))).floatValue();
          assertEquals(
              expected,
              probabilities[r][classes.columnOf(label)],
              0f,
              "row " + r + " class " + label);
        }
      }
    }
  }

  @Test
  void aZipMapBehindAPipelineIsUnzippedToo() throws Exception {
    UnzippedModel unzipped =
        UnzippedModel.of(TestData.bytes(TestData.model("skl2onnx_onnxmltools_xgboost_iris2.onnx")));
    assertEquals(List.of("output_probability"), List.copyOf(unzipped.classTensors().keySet()));
    try (OrtSession session = ENV.createSession(unzipped.bytes())) {
      assertTrue(
          session
              .getOutputNames()
              .containsAll(
                  unzipped.classTensors().values().stream()
                      .map(UnzippedModel.ClassTensor::tensorName)
                      .toList()));
    }
  }

  @Test
  void aModelWithoutZipMapKeepsItsBytes() {
    byte[] original = TestData.bytes(TestData.model("skl2onnx_titanic_pipeline_nozipmap.onnx"));
    UnzippedModel unzipped = UnzippedModel.of(original);
    assertSame(original, unzipped.bytes());
    assertTrue(unzipped.classTensors().isEmpty());
  }

  @Test
  void bytesThatAreNotAModelAreLeftAsTheyAre() {
    byte[] garbage = {(byte) 0xff, 0x01, 0x02};
    UnzippedModel unzipped = UnzippedModel.of(garbage);
    assertSame(garbage, unzipped.bytes());
    assertTrue(unzipped.classTensors().isEmpty());
  }
}
