package dev.scry.planner.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.planner.model.ElementType;
import dev.scry.planner.model.ModelInput;
import dev.scry.planner.model.ModelSignature;
import dev.scry.planner.model.OnnxModelReader;
import dev.scry.planner.model.TensorOutput;
import dev.scry.testing.TestData;
import java.util.List;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

class PredictBinderTest {
  private final JavaTypeFactory types = new JavaTypeFactoryImpl();

  @Test
  void irisTakesAnArrayColumnAndSpreadsZipMapClassesOverColumns() {
    RelDataType data =
        types
            .builder()
            .add("id", SqlTypeName.BIGINT)
            .add("FLOAT_INPUT", types.createArrayType(types.createSqlType(SqlTypeName.DOUBLE), -1))
            .build();
    BoundPredict bound = bind("skl2onnx_rf_iris.onnx", data);

    InputBinding binding = bound.spec().inputs().get(0);
    assertEquals("float_input", binding.input().name());
    assertEquals(InputBinding.Source.ARRAY, binding.source());
    assertEquals(List.of(1), binding.fields());
    assertEquals(List.of("FLOAT_INPUT"), binding.fieldNames());
    assertEquals(4, binding.valuesPerRow());

    assertEquals(
        List.of(
            "id",
            "FLOAT_INPUT",
            "output_label",
            "output_probability_0",
            "output_probability_1",
            "output_probability_2"),
        bound.rowType().getFieldNames());
    assertEquals(
        List.of(
            SqlTypeName.BIGINT,
            SqlTypeName.ARRAY,
            SqlTypeName.BIGINT,
            SqlTypeName.REAL,
            SqlTypeName.REAL,
            SqlTypeName.REAL),
        sqlTypes(bound.rowType()));
    assertTrue(
        bound.rowType().getFieldList().subList(2, 6).stream()
            .allMatch(f -> f.getType().isNullable()));

    assertEquals(
        List.of(
            new OutputColumn(
                "output_label", "output_label", new OutputColumn.Scalar(), ElementType.INT64),
            new OutputColumn(
                "output_probability_0",
                "output_probability",
                new OutputColumn.ClassValue("0"),
                ElementType.FLOAT),
            new OutputColumn(
                "output_probability_1",
                "output_probability",
                new OutputColumn.ClassValue("1"),
                ElementType.FLOAT),
            new OutputColumn(
                "output_probability_2",
                "output_probability",
                new OutputColumn.ClassValue("2"),
                ElementType.FLOAT)),
        bound.spec().outputs());
    assertEquals(256, bound.spec().batchSize());
  }

  @Test
  void titanicBindsFiveNamedColumnsOfDifferentTypes() {
    RelDataType data =
        types
            .builder()
            .add("name", SqlTypeName.VARCHAR)
            .add("Pclass", SqlTypeName.BIGINT)
            .add("sex", SqlTypeName.VARCHAR)
            .add("age", SqlTypeName.DOUBLE)
            .nullable(true)
            .add("fare", SqlTypeName.DOUBLE)
            .add("embarked", SqlTypeName.VARCHAR)
            .build();
    BoundPredict bound = bind("skl2onnx_titanic_pipeline_nozipmap.onnx", data);

    List<InputBinding> inputs = bound.spec().inputs();
    assertEquals(
        List.of("pclass", "sex", "age", "fare", "embarked"),
        inputs.stream().map(b -> b.input().name()).toList());
    assertEquals(
        List.of(List.of(1), List.of(2), List.of(3), List.of(4), List.of(5)),
        inputs.stream().map(InputBinding::fields).toList());
    assertTrue(
        inputs.stream()
            .allMatch(b -> b.source() == InputBinding.Source.COLUMNS && b.valuesPerRow() == 1));
    assertEquals(List.of("Pclass"), inputs.get(0).fieldNames());

    assertEquals(
        List.of(
            "name",
            "Pclass",
            "sex",
            "age",
            "fare",
            "embarked",
            "label",
            "probabilities_0",
            "probabilities_1"),
        bound.rowType().getFieldNames());
    assertEquals(new OutputColumn.Element(1), bound.spec().outputs().get(2).extract());
    assertEquals(
        List.of(SqlTypeName.BIGINT, SqlTypeName.REAL, SqlTypeName.REAL),
        sqlTypes(bound.rowType()).subList(6, 9));
  }

  @Test
  void mnistTakesAnArrayOf784AsAFourDimensionalInputAndSpreadsTenScores() {
    RelDataType data =
        types
            .builder()
            .add("label", SqlTypeName.INTEGER)
            .add("input_image", types.createArrayType(types.createSqlType(SqlTypeName.REAL), -1))
            .build();
    BoundPredict bound = bind("tribuo_pytorch_cnn_mnist.onnx", data);
    InputBinding binding = bound.spec().inputs().get(0);
    assertEquals(InputBinding.Source.ARRAY, binding.source());
    assertEquals(784, binding.valuesPerRow());
    assertEquals(12, bound.rowType().getFieldCount());
    assertEquals("output_probs_9", bound.rowType().getFieldNames().get(11));
  }

  @Test
  void aScalarColumnFeedsAnArrayInputOnlyWhenOneValuePerRow() {
    RelDataType scalar = types.builder().add("input", SqlTypeName.VARCHAR).build();
    BoundPredict bound = bind("onnxmltools2018_label_encoder_string_batch1.onnx", scalar);
    assertEquals(InputBinding.Source.COLUMNS, bound.spec().inputs().get(0).source());
    assertEquals(List.of("input", "variable"), bound.rowType().getFieldNames());

    RelDataType array =
        types
            .builder()
            .add("input", types.createArrayType(types.createSqlType(SqlTypeName.VARCHAR), -1))
            .build();
    assertEquals(
        InputBinding.Source.ARRAY,
        bind("onnxmltools2018_label_encoder_string_batch1.onnx", array)
            .spec()
            .inputs()
            .get(0)
            .source());

    RelDataType scalarForFour = types.builder().add("X", SqlTypeName.DOUBLE).build();
    PredictBindingException e =
        assertThrows(
            PredictBindingException.class,
            () -> bind("onnxmltools_xgboost_regressor.onnx", scalarForFour));
    assertTrue(e.getMessage().contains("ARRAY of 4"), e.getMessage());
  }

  @Test
  void aMissingColumnNamesTheInputItsTypeAndTheColumnsOnOffer() {
    RelDataType data =
        types
            .builder()
            .add("pclass", SqlTypeName.BIGINT)
            .add("sex", SqlTypeName.VARCHAR)
            .add("fare", SqlTypeName.DOUBLE)
            .add("embarked", SqlTypeName.VARCHAR)
            .build();
    PredictBindingException e =
        assertThrows(
            PredictBindingException.class,
            () -> bind("skl2onnx_titanic_pipeline_nozipmap.onnx", data));
    String message = e.getMessage();
    assertTrue(message.contains("'age'"), message);
    assertTrue(message.contains("tensor(float)[-1, 1]"), message);
    assertTrue(message.contains("titanic:3"), message);
    assertTrue(
        message.contains("pclass BIGINT")
            && message.contains("sex VARCHAR")
            && message.contains("fare DOUBLE")
            && message.contains("embarked VARCHAR"),
        message);
  }

  @Test
  void typesThatDoNotConvertAreRejected() {
    RelDataType stringForFloat =
        types
            .builder()
            .add("float_input", types.createArrayType(types.createSqlType(SqlTypeName.VARCHAR), -1))
            .build();
    PredictBindingException e =
        assertThrows(
            PredictBindingException.class, () -> bind("skl2onnx_rf_iris.onnx", stringForFloat));
    assertTrue(
        e.getMessage().contains("float_input") && e.getMessage().contains("VARCHAR"),
        e.getMessage());

    RelDataType numberForString = types.builder().add("input", SqlTypeName.INTEGER).build();
    assertThrows(
        PredictBindingException.class,
        () -> bind("onnxmltools2018_label_encoder_string_batch1.onnx", numberForString));
  }

  @Test
  void anOutputNamedLikeADataColumnGetsThePredictedSuffix() {
    RelDataType data =
        types
            .builder()
            .add("Variable", SqlTypeName.DOUBLE)
            .add("X", types.createArrayType(types.createSqlType(SqlTypeName.FLOAT), -1))
            .build();
    BoundPredict bound = bind("onnxmltools_xgboost_regressor.onnx", data);
    assertEquals(List.of("Variable", "X", "variable_predicted"), bound.rowType().getFieldNames());
    assertEquals("variable", bound.spec().outputs().get(0).outputName());
    assertEquals(
        SqlTypeName.REAL, bound.rowType().getFieldList().get(2).getType().getSqlTypeName());
  }

  @Test
  void largeOutputsStayArrays() {
    ModelSignature signature =
        new ModelSignature(
            List.of(new ModelInput("x", ElementType.DOUBLE, List.of(-1L, 1L))),
            List.of(new TensorOutput("embedding", ElementType.DOUBLE, List.of(-1L, 64L))));
    RelDataType data = types.builder().add("x", SqlTypeName.DECIMAL, 10, 2).build();
    BoundPredict bound =
        PredictBinder.bind(
            new ModelRef("emb", 1, "file:/m.onnx", "00"), signature, 10, data, types);
    RelDataTypeField field = bound.rowType().getFieldList().get(1);
    assertEquals("embedding", field.getName());
    assertEquals(SqlTypeName.ARRAY, field.getType().getSqlTypeName());
    assertEquals(SqlTypeName.DOUBLE, field.getType().getComponentType().getSqlTypeName());
    assertEquals(new OutputColumn.Array(), bound.spec().outputs().get(0).extract());
  }

  private BoundPredict bind(String file, RelDataType data) {
    ModelSignature signature = OnnxModelReader.read(TestData.modelBytes(file));
    ModelRef ref =
        new ModelRef(file.contains("titanic") ? "titanic" : "m", 3, "file:/models/" + file, "abc");
    return PredictBinder.bind(ref, signature, 256, data, types);
  }

  private static List<SqlTypeName> sqlTypes(RelDataType rowType) {
    return rowType.getFieldList().stream().map(f -> f.getType().getSqlTypeName()).toList();
  }
}
