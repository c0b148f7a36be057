package dev.scry.engine.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.engine.testing.CalciteRowTypes;
import dev.scry.planner.model.ElementType;
import dev.scry.planner.model.OnnxModelReader;
import dev.scry.planner.predict.BoundPredict;
import dev.scry.planner.predict.ModelRef;
import dev.scry.planner.predict.OutputColumn;
import dev.scry.planner.predict.PredictBinder;
import dev.scry.planner.predict.PredictSpec;
import dev.scry.testing.TestData;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A 4-D input ([N,1,28,28]) fed from an ARRAY of 784 numbers, and a tensor output returned as an ARRAY. */
class MnistPredictTest {
  private static final String MODEL = "tribuo_pytorch_cnn_mnist.onnx";
  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("MnistPredictTest")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .getOrCreate();
  }

  @AfterAll
  static void stopSpark() {
    if (spark != null) {
      spark.stop();
    }
  }

  @Test
  void digitsAreRecognisedFromAnArrayOf784Pixels() throws Exception {
    Dataset<Row> digits = digits();
    JavaTypeFactoryImpl types = new JavaTypeFactoryImpl();
    BoundPredict bound =
        PredictBinder.bind(
            ref(),
            OnnxModelReader.read(TestData.bytes(TestData.model(MODEL))),
            8,
            CalciteRowTypes.of(digits.schema(), types),
            types);

    List<Row> rows = new OnnxPredictRunner().predict(digits, bound.spec()).collectAsList();
    assertEquals(62, rows.size());
    int correct = 0;
    for (Row row : rows) {
      int best = 0;
      for (int k = 1; k < 10; k++) {
        if (row.<Float>getAs("output_probs_" + k) > row.<Float>getAs("output_probs_" + best)) {
          best = k;
        }
      }
      correct += best == row.<Integer>getAs("label") ? 1 : 0;
    }
    assertTrue(correct >= 58, "digits recognised: " + correct + " of 62");
  }

  @Test
  void aWideOutputCanBeReturnedAsOneArrayColumn() throws Exception {
    Dataset<Row> digits = digits();
    JavaTypeFactoryImpl types = new JavaTypeFactoryImpl();
    PredictSpec columns =
        PredictBinder.bind(
                ref(),
                OnnxModelReader.read(TestData.bytes(TestData.model(MODEL))),
                8,
                CalciteRowTypes.of(digits.schema(), types),
                types)
            .spec();
    PredictSpec asArray =
        columns.narrowed(
            columns.inputs(),
            columns.carriedFields(),
            List.of(
                new OutputColumn(
                    "scores", "output_probs", new OutputColumn.Array(), ElementType.FLOAT)));

    Dataset<Row> scored = new OnnxPredictRunner().predict(digits, asArray);
    assertEquals(
        new ArrayType(DataTypes.FloatType, true), scored.schema().apply("scores").dataType());
    List<Row> rows = scored.collectAsList();
    List<Row> byColumns = new OnnxPredictRunner().predict(digits, columns).collectAsList();
    for (int i = 0; i < rows.size(); i++) {
      List<Float> scores = rows.get(i).getList(rows.get(i).fieldIndex("scores"));
      assertEquals(10, scores.size());
      for (int k = 0; k < 10; k++) {
        assertEquals(byColumns.get(i).<Float>getAs("output_probs_" + k), scores.get(k), 1e-6);
      }
    }
  }

  /** The libsvm digits as (label INT, input_image ARRAY<FLOAT> of 784 raw pixels). */
  private static Dataset<Row> digits() throws Exception {
    List<Row> rows = new ArrayList<>();
    for (String line : Files.readAllLines(TestData.data("mnist_test_head.libsvm"))) {
      if (line.isBlank()) {
        continue;
      }
      String[] parts = line.trim().split("\\s+");
      Float[] pixels = new Float[784];
      Arrays.fill(pixels, 0f);
      for (int i = 1; i < parts.length; i++) {
        String[] kv = parts[i].split(":");
        pixels[Integer.parseInt(kv[0]) - 1] = Float.parseFloat(kv[1]);
      }
      rows.add(RowFactory.create((int) Double.parseDouble(parts[0]), pixels));
    }
    StructType schema =
        new StructType()
            .add("label", DataTypes.IntegerType, false)
            .add("input_image", new ArrayType(DataTypes.FloatType, false), false);
    return spark.createDataFrame(rows, schema).repartition(2);
  }

  private static ModelRef ref() {
    return new ModelRef(
        "mnist", 1, TestData.model(MODEL).toUri().toString(), TestData.sha256(MODEL));
  }
}
