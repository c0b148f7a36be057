package dev.scry.engine.predict;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.scry.engine.testing.CalciteRowTypes;
import dev.scry.planner.model.ModelSignature;
import dev.scry.planner.model.OnnxModelReader;
import dev.scry.planner.predict.BoundPredict;
import dev.scry.planner.predict.ModelRef;
import dev.scry.planner.predict.PredictBinder;
import dev.scry.planner.predict.PredictBindingException;
import dev.scry.testing.TestData;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OnnxPredictRunnerTest {
  private static SparkSession spark;
  private final RelDataTypeFactory types = new JavaTypeFactoryImpl();
  private final OnnxPredictRunner runner = new OnnxPredictRunner();

  @BeforeAll
  static void startSpark() {
    spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("OnnxPredictRunnerTest")
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
  void randomForestScoresIrisFromAnArrayColumnInSeveralBatchesAndPartitions() {
    Dataset<Row> iris =
        csv(TestData.data("iris.csv").toString())
            .select(
                col("_index_"),
                col("Species"),
                array(
                        col("Sepal_Length").cast("float"), col("Sepal_Width").cast("float"),
                        col("Petal_Length").cast("float"), col("Petal_Width").cast("float"))
                    .as("float_input"))
            .repartition(2);
    BoundPredict bound = bind("skl2onnx_rf_iris.onnx", iris, 16);

    Dataset<Row> scored = runner.predict(iris, bound.spec());
    assertEquals(
        List.of(
            "_index_",
            "Species",
            "float_input",
            "output_label",
            "output_probability_0",
            "output_probability_1",
            "output_probability_2"),
        List.of(scored.schema().fieldNames()));
    assertEquals(DataTypes.LongType, scored.schema().apply("output_label").dataType());
    assertEquals(DataTypes.FloatType, scored.schema().apply("output_probability_1").dataType());
    assertEquals(bound.rowType().getFieldNames(), List.of(scored.schema().fieldNames()));

    List<Row> rows = scored.collectAsList();
    assertEquals(150, rows.size());
    Map<String, Long> classes = Map.of("setosa", 0L, "versicolor", 1L, "virginica", 2L);
    long agree =
        rows.stream()
            .filter(
                r -> classes.get(r.<String>getAs("Species")).equals(r.<Long>getAs("output_label")))
            .count();
    assertTrue(agree >= 147, "labels agreeing with Species: " + agree);
    for (Row row : rows) {
      float sum =
          row.<Float>getAs("output_probability_0")
              + row.<Float>getAs("output_probability_1")
              + row.<Float>getAs("output_probability_2");
      assertEquals(1.0, sum, 1e-5, "probabilities of row " + row.getAs("_index_"));
    }
  }

  @Test
  void titanicBindsFiveNamedColumnsAndMatchesOnnxRuntimeCalledDirectly() throws Exception {
    Dataset<Row> titanic = csv(TestData.data("small_titanic.csv").toString());
    assertEquals(DataTypes.IntegerType, titanic.schema().apply("pclass").dataType());
    String model = "skl2onnx_titanic_pipeline_nozipmap.onnx";
    BoundPredict bound = bind(model, titanic, 10);

    List<Row> rows = runner.predict(titanic, bound.spec()).collectAsList();
    assertEquals(38, rows.size());
    assertTrue(
        rows.stream().anyMatch(r -> r.isNullAt(r.fieldIndex("age"))), "some ages are missing");

    // The same inputs, fed to ONNX Runtime by hand in one batch.
    int n = rows.size();
    long[][] pclass = new long[n][1];
    String[][] sex = new String[n][1];
    float[][] age = new float[n][1];
    float[][] fare = new float[n][1];
    String[][] embarked = new String[n][1];
    for (int i = 0; i < n; i++) {
      Row r = rows.get(i);
      pclass[i][0] = r.<Integer>getAs("pclass");
      sex[i][0] = r.getAs("sex");
      age[i][0] =
          r.isNullAt(r.fieldIndex("age"))
              ? Float.NaN
              : (float) r.<Double>getAs("age").doubleValue();
      fare[i][0] = (float) r.<Double>getAs("fare").doubleValue();
      embarked[i][0] = r.getAs("embarked");
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session = env.createSession(TestData.model(model).toString());
        OnnxTensor t1 = OnnxTensor.createTensor(env, pclass);
        OnnxTensor t2 = OnnxTensor.createTensor(env, sex);
        OnnxTensor t3 = OnnxTensor.createTensor(env, age);
        OnnxTensor t4 = OnnxTensor.createTensor(env, fare);
        OnnxTensor t5 = OnnxTensor.createTensor(env, embarked);
        OrtSession.Result result =
            session.run(Map.of("pclass", t1, "sex", t2, "age", t3, "fare", t4, "embarked", t5))) {
      long[] labels = (long[]) result.get("label").orElseThrow().getValue();
      float[][] probabilities = (float[][]) result.get("probabilities").orElseThrow().getValue();
      for (int i = 0; i < n; i++) {
        Row r = rows.get(i);
        assertEquals(labels[i], r.<Long>getAs("label"), "label of " + r.getAs("name"));
        assertEquals(
            probabilities[i][0],
            r.<Float>getAs("probabilities_0"),
            1e-6,
            "p0 of " + r.getAs("name"));
        assertEquals(
            probabilities[i][1],
            r.<Float>getAs("probabilities_1"),
            1e-6,
            "p1 of " + r.getAs("name"));
      }
      assertTrue(Arrays.stream(labels).distinct().count() == 2, "both classes predicted");
    }
  }

  @Test
  void aPartitionScoringAloneSplitsItsBatchesOverAHelperAndScoresTheSame() {
    assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "needs a second core to lend");
    Dataset<Row> iris = csv(TestData.data("iris.csv").toString());
    for (int i = 0; i < 3; i++) {
      iris = iris.union(iris);
    }
    Dataset<Row> one =
        iris.select(
                col("_index_"),
                array(
                        col("Sepal_Length").cast("float"), col("Sepal_Width").cast("float"),
                        col("Petal_Length").cast("float"), col("Petal_Width").cast("float"))
                    .as("float_input"))
            .coalesce(1);
    // 1,200 rows in one partition on two slots: batches of 1,000 go out in two parts; batches of
    // 100
    // are too small to split.
    List<Row> split =
        runner.predict(one, bind("skl2onnx_rf_iris.onnx", one, 1000).spec()).collectAsList();
    List<Row> whole =
        runner.predict(one, bind("skl2onnx_rf_iris.onnx", one, 100).spec()).collectAsList();
    assertEquals(1200, split.size());
    assertEquals(whole, split);
    assertTrue(
        Thread.getAllStackTraces().keySet().stream()
            .anyMatch(t -> t.getName().startsWith("scry-scoring-helper-")),
        "a helper thread scored");
  }

  @Test
  void batchOneModelIsFedOneRowAtATimeAndMatchesScikitLearn() {
    Dataset<Row> expected =
        csv(TestData.expected("logreg_iris3_sklearn_expected.csv").toString())
            .withColumn(
                "input",
                array(
                    col("sepal_length").cast("float"),
                    col("sepal_width").cast("float"),
                    col("petal_length").cast("float")));
    BoundPredict bound = bind("onnxmltools2018_logreg_iris3_batch1.onnx", expected, 1000);
    assertEquals(1, PartitionScorer.batchSize(bound.spec()));

    List<Row> rows = runner.predict(expected, bound.spec()).collectAsList();
    assertEquals(150, rows.size());
    for (Row r : rows) {
      assertEquals(r.<Integer>getAs("expected_label").longValue(), r.<Long>getAs("label"));
      for (int k = 0; k < 3; k++) {
        assertEquals(r.<Double>getAs("expected_p" + k), r.<Float>getAs("probabilities_" + k), 1e-5);
      }
    }
  }

  @Test
  void aMissingColumnIsABindingErrorNamingTheInputAndTheColumns() {
    Dataset<Row> iris = csv(TestData.data("iris.csv").toString());
    PredictBindingException e =
        assertThrows(PredictBindingException.class, () -> bind("skl2onnx_rf_iris.onnx", iris, 100));
    assertTrue(e.getMessage().contains("'float_input' tensor(float)[-1, 4]"), e.getMessage());
    assertTrue(
        e.getMessage().contains("Sepal_Length DOUBLE")
            && e.getMessage().contains("Species VARCHAR"),
        e.getMessage());
  }

  @Test
  void anArrayOfTheWrongLengthFailsNamingTheInputColumnAndLengths() {
    Dataset<Row> iris =
        csv(TestData.data("iris.csv").toString())
            .select(
                array(col("Sepal_Length"), col("Sepal_Width"), col("Petal_Length"))
                    .as("float_input"));
    BoundPredict bound = bind("skl2onnx_rf_iris.onnx", iris, 100);
    Exception e =
        assertThrows(Exception.class, () -> runner.predict(iris, bound.spec()).collectAsList());
    String message = rootMessage(e);
    assertTrue(
        message.contains("input 'float_input'")
            && message.contains("column 'float_input'")
            && message.contains("ARRAY of 3 values")
            && message.contains("takes 4"),
        message);
  }

  @Test
  void aNullStringFailsNamingTheInputAndColumn() {
    Dataset<Row> titanic =
        csv(TestData.data("small_titanic.csv").toString())
            .withColumn("embarked", org.apache.spark.sql.functions.lit(null).cast("string"));
    BoundPredict bound = bind("skl2onnx_titanic_pipeline_nozipmap.onnx", titanic, 100);
    Exception e =
        assertThrows(Exception.class, () -> runner.predict(titanic, bound.spec()).collectAsList());
    String message = rootMessage(e);
    assertTrue(
        message.contains("input 'embarked'")
            && message.contains("column 'embarked'")
            && message.contains("NULL"),
        message);
  }

  private Dataset<Row> csv(String path) {
    return spark
        .read()
        .option("header", "true")
        .option("inferSchema", "true")
        .option("escape", "\"")
        .csv(path);
  }

  private BoundPredict bind(String modelFile, Dataset<Row> data, int batchSize) {
    ModelSignature signature = OnnxModelReader.read(TestData.bytes(TestData.model(modelFile)));
    ModelRef ref =
        new ModelRef(
            modelFile.replace(".onnx", ""),
            1,
            TestData.model(modelFile).toUri().toString(),
            TestData.sha256(modelFile));
    return PredictBinder.bind(
        ref, signature, batchSize, CalciteRowTypes.of(data.schema(), types), types);
  }

  private static String rootMessage(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append('\n');
    }
    return all.toString();
  }
}
