package dev.scry.planner.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.scry.planner.ScryException;
import dev.scry.planner.model.ModelSignature;
import dev.scry.planner.model.OnnxModelReader;
import dev.scry.testing.TestData;
import java.util.List;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

/** Which values of a real model's inputs are monitored, and where a baseline's row holds them. */
class DriftFeaturesTest {
  private final JavaTypeFactoryImpl types = new JavaTypeFactoryImpl();

  private static ModelSignature signature(String file) {
    return OnnxModelReader.read(TestData.modelBytes(file));
  }

  @Test
  void aFourValueInputIsFourFeaturesFromTheArrayNamedAfterIt() {
    RelDataType baseline =
        types
            .builder()
            .add("species", SqlTypeName.VARCHAR)
            .add("FLOAT_INPUT", types.createArrayType(types.createSqlType(SqlTypeName.DOUBLE), -1))
            .build();
    assertEquals(
        List.of(
            new FeatureColumn("float_input", 0, 1, 0),
            new FeatureColumn("float_input", 1, 1, 1),
            new FeatureColumn("float_input", 2, 1, 2),
            new FeatureColumn("float_input", 3, 1, 3)),
        DriftFeatures.of(signature("skl2onnx_rf_iris.onnx"), baseline, "iris_rf"));
  }

  @Test
  void aMissingColumnOrAScalarForATensorIsRefusedWithWhatToWrite() {
    RelDataType none = types.builder().add("x", SqlTypeName.DOUBLE).build();
    ScryException missing =
        assertThrows(
            ScryException.class,
            () -> DriftFeatures.of(signature("skl2onnx_rf_iris.onnx"), none, "iris_rf"));
    assertEquals(
        "The baseline of model 'iris_rf' has no column named 'float_input' for the model's input of"
            + " that name: name the baseline's columns after the inputs (ARRAY[...] AS float_input)",
        missing.getMessage());
    RelDataType scalar = types.builder().add("float_input", SqlTypeName.DOUBLE).build();
    ScryException notArray =
        assertThrows(
            ScryException.class,
            () -> DriftFeatures.of(signature("skl2onnx_rf_iris.onnx"), scalar, "iris_rf"));
    assertEquals(
        "The baseline column 'float_input' must be an ARRAY of 4 numbers, as the model's input of"
            + " that name takes",
        notArray.getMessage());
  }

  @Test
  void stringInputsAreNotMonitored() {
    RelDataType baseline = types.builder().add("input", SqlTypeName.VARCHAR).build();
    ScryException refused =
        assertThrows(
            ScryException.class,
            () ->
                DriftFeatures.of(
                    signature("onnxmltools2018_label_encoder_string_batch1.onnx"),
                    baseline,
                    "encoder"));
    assertEquals(
        "Model 'encoder' has no numeric input to monitor: create it without a baseline",
        refused.getMessage());
  }
}
