package dev.scry.planner.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.testing.TestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnnxModelReaderTest {
  private static final List<Long> BATCH = List.of(-1L);
  private static final List<Long> BATCH_1 = List.of(-1L, 1L);

  @Test
  void randomForestIris() {
    ModelSignature s = read("skl2onnx_rf_iris.onnx");
    assertEquals(
        List.of(new ModelInput("float_input", ElementType.FLOAT, List.of(-1L, 4L))), s.inputs());
    assertEquals(
        List.of(
            new TensorOutput("output_label", ElementType.INT64, BATCH),
            new ClassMapOutput(
                "output_probability",
                ElementType.INT64,
                ElementType.FLOAT,
                List.of("0", "1", "2"))),
        s.outputs());
  }

  @Test
  void titanicWithZipMapHasStringPclassAndTwoClasses() {
    ModelSignature s = read("skl2onnx_titanic_pipeline_zipmap.onnx");
    assertEquals(
        List.of(
            new ModelInput("pclass", ElementType.STRING, BATCH_1),
            new ModelInput("sex", ElementType.STRING, BATCH_1),
            new ModelInput("age", ElementType.FLOAT, BATCH_1),
            new ModelInput("fare", ElementType.FLOAT, BATCH_1),
            new ModelInput("embarked", ElementType.STRING, BATCH_1)),
        s.inputs());
    assertEquals(
        List.of(
            new TensorOutput("output_label", ElementType.INT64, BATCH),
            new ClassMapOutput(
                "output_probability", ElementType.INT64, ElementType.FLOAT, List.of("0", "1"))),
        s.outputs());
  }

  @Test
  void titanicWithoutZipMapHasInt64PclassAndProbabilityMatrix() {
    ModelSignature s = read("skl2onnx_titanic_pipeline_nozipmap.onnx");
    assertEquals(
        List.of(
            new ModelInput("pclass", ElementType.INT64, BATCH_1),
            new ModelInput("sex", ElementType.STRING, BATCH_1),
            new ModelInput("age", ElementType.FLOAT, BATCH_1),
            new ModelInput("fare", ElementType.FLOAT, BATCH_1),
            new ModelInput("embarked", ElementType.STRING, BATCH_1)),
        s.inputs());
    assertEquals(
        List.of(
            new TensorOutput("label", ElementType.INT64, BATCH),
            new TensorOutput("probabilities", ElementType.FLOAT, List.of(-1L, 2L))),
        s.outputs());
  }

  @Test
  void lightGbmAndXgboostIrisTakeTwoFeaturesAndZipMapThreeClasses() {
    for (String file :
        List.of(
            "skl2onnx_onnxmltools_lightgbm_iris2.onnx",
            "skl2onnx_onnxmltools_xgboost_iris2.onnx")) {
      ModelSignature s = read(file);
      assertEquals(
          List.of(new ModelInput("input", ElementType.FLOAT, List.of(-1L, 2L))), s.inputs(), file);
      assertEquals(
          List.of(
              new TensorOutput("output_label", ElementType.INT64, BATCH),
              new ClassMapOutput(
                  "output_probability",
                  ElementType.INT64,
                  ElementType.FLOAT,
                  List.of("0", "1", "2"))),
          s.outputs(),
          file);
    }
  }

  @Test
  void textModelHasFloatAndStringInputs() {
    ModelSignature s = read("skl2onnx_text_tfidf_lightgbm_needs_en_US_locale.onnx");
    assertEquals(
        List.of(
            new ModelInput("input", ElementType.FLOAT, List.of(-1L, 2L)),
            new ModelInput("text", ElementType.STRING, BATCH_1)),
        s.inputs());
    assertEquals(
        List.of(
            new TensorOutput("label", ElementType.INT64, BATCH),
            new TensorOutput("probabilities", ElementType.FLOAT, List.of(-1L, 3L))),
        s.outputs());
  }

  @Test
  void batchOneModelsKeepTheirFixedBatchDimension() {
    ModelSignature logreg = read("onnxmltools2018_logreg_iris3_batch1.onnx");
    assertEquals(
        List.of(new ModelInput("input", ElementType.FLOAT, List.of(1L, 3L))), logreg.inputs());
    assertEquals(
        List.of(
            new TensorOutput("label", ElementType.INT64, List.of(1L)),
            new ClassMapOutput(
                "probabilities", ElementType.INT64, ElementType.FLOAT, List.of("0", "1", "2"))),
        logreg.outputs());

    ModelSignature linreg = read("onnxmltools2018_linreg_batch1.onnx");
    assertEquals(
        List.of(new ModelInput("input", ElementType.FLOAT, List.of(1L, 4L))), linreg.inputs());
    assertEquals(
        List.of(new TensorOutput("variable", ElementType.FLOAT, List.of(1L, 1L))),
        linreg.outputs());

    ModelSignature encoder = read("onnxmltools2018_label_encoder_string_batch1.onnx");
    assertEquals(
        List.of(new ModelInput("input", ElementType.STRING, List.of(1L, 1L))), encoder.inputs());
    assertEquals(
        List.of(new TensorOutput("variable", ElementType.INT64, List.of(1L, 1L))),
        encoder.outputs());
  }

  @Test
  void xgboostRegressor() {
    ModelSignature s = read("onnxmltools_xgboost_regressor.onnx");
    assertEquals(List.of(new ModelInput("X", ElementType.FLOAT, List.of(-1L, 4L))), s.inputs());
    assertEquals(
        List.of(new TensorOutput("variable", ElementType.FLOAT, List.of(-1L, 1L))), s.outputs());
  }

  @Test
  void pytorchCnnHasOneImageInputAndNoInitializersAmongInputs() {
    ModelSignature s = read("tribuo_pytorch_cnn_mnist.onnx");
    assertEquals(
        List.of(new ModelInput("input_image", ElementType.FLOAT, List.of(-1L, 1L, 28L, 28L))),
        s.inputs());
    assertEquals(
        List.of(new TensorOutput("output_probs", ElementType.FLOAT, List.of(-1L, 10L))),
        s.outputs());
  }

  @Test
  void everyTestModelIsReadableWithAtLeastOneInputAndOutput() throws Exception {
    try (var files = Files.list(TestData.root().resolve("models"))) {
      List<Path> models = files.filter(f -> f.toString().endsWith(".onnx")).toList();
      assertEquals(11, models.size());
      for (var model : models) {
        OnnxModelInfo info = OnnxModelReader.readInfo(Files.readAllBytes(model));
        assertTrue(info.irVersion() >= 3, model.toString());
        assertTrue(
            !info.signature().inputs().isEmpty() && !info.signature().outputs().isEmpty(),
            model.toString());
        assertTrue(!info.opsets().isEmpty(), model.toString());
      }
    }
  }

  @Test
  void producerAndOpsetsAreExposed() {
    OnnxModelInfo info = OnnxModelReader.readInfo(TestData.modelBytes("skl2onnx_rf_iris.onnx"));
    assertEquals("skl2onnx", info.producerName());
    assertEquals(7, info.irVersion());
    assertEquals(9L, info.opsets().get(""));
    assertEquals(1L, info.opsets().get("ai.onnx.ml"));
  }

  @Test
  void bytesThatAreNotAModelAreRejectedClearly() throws Exception {
    byte[] csv = Files.readAllBytes(TestData.root().resolve("data").resolve("iris.csv"));
    for (byte[] notAModel :
        List.of(
            csv,
            new byte[0],
            "hello".getBytes(StandardCharsets.UTF_8),
            new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff})) {
      InvalidOnnxModelException e =
          assertThrows(InvalidOnnxModelException.class, () -> OnnxModelReader.read(notAModel));
      assertTrue(e.getMessage().startsWith("Not an ONNX model"), e.getMessage());
      assertInstanceOf(IllegalArgumentException.class, e);
    }
  }

  @Test
  void aTruncatedModelIsRejected() {
    byte[] model = TestData.modelBytes("skl2onnx_rf_iris.onnx");
    byte[] truncated = Arrays.copyOf(model, model.length / 2);
    assertThrows(InvalidOnnxModelException.class, () -> OnnxModelReader.read(truncated));
  }

  private static ModelSignature read(String file) {
    return OnnxModelReader.read(TestData.modelBytes(file));
  }
}
