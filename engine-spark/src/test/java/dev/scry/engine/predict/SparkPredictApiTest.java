package dev.scry.engine.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.engine.TestSpark;
import dev.scry.testing.TestData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/** The Spark developer's PREDICT: the ML Transformer and the SQL function, on the test-data models. */
class SparkPredictApiTest {
  private static final List<String> FEATURES =
      List.of("Sepal_Length", "Sepal_Width", "Petal_Length", "Petal_Width");
  private static final Map<String, Long> CLASSES =
      Map.of("setosa", 0L, "versicolor", 1L, "virginica", 2L);

  private final SparkSession spark = TestSpark.session();

  @Test
  void transformerPacksFourColumnsIntoTheRandomForestsInputAndRenamesItsOutputs() {
    Dataset<Row> iris = csv("iris.csv");
    ScryPredictTransformer predict =
        new ScryPredictTransformer()
            .setModelUri(TestData.model("skl2onnx_rf_iris.onnx").toUri().toString())
            .setInputCols(FEATURES.toArray(String[]::new))
            .setOutputCols("species_id", "p_setosa", "p_versicolor", "p_virginica")
            .setBatchSize(16);
    // Used as a pipeline stage, as a Spark developer would.
    Dataset<Row> scored =
        new Pipeline().setStages(new PipelineStage[] {predict}).fit(iris).transform(iris);

    List<String> expectedColumns = new ArrayList<>(List.of(iris.columns()));
    expectedColumns.addAll(List.of("species_id", "p_setosa", "p_versicolor", "p_virginica"));
    assertEquals(expectedColumns, List.of(scored.columns()));
    assertEquals(DataTypes.LongType, scored.schema().apply("species_id").dataType());
    assertEquals(scored.schema(), predict.transformSchema(iris.schema()));
    List<Row> rows = scored.collectAsList();
    assertEquals(150, rows.size());
    long agree =
        rows.stream()
            .filter(
                r -> CLASSES.get(r.<String>getAs("Species")).equals(r.<Long>getAs("species_id")))
            .count();
    assertTrue(agree >= 147, "labels agreeing with Species: " + agree);
  }

  @Test
  void transformerWithoutInputColsBindsByNameLikeTheTableForm() {
    Dataset<Row> titanic = csv("small_titanic.csv");
    Dataset<Row> scored =
        new ScryPredictTransformer()
            .setModelUri(
                TestData.model("skl2onnx_titanic_pipeline_nozipmap.onnx").toUri().toString())
            .transform(titanic);
    assertEquals(
        List.of("label", "probabilities_0", "probabilities_1"),
        List.of(scored.columns()).subList(titanic.columns().length, scored.columns().length));
    List<Row> rows = scored.collectAsList();
    assertEquals(38, rows.size());
    for (Row row : rows) {
      float sum = row.<Float>getAs("probabilities_0") + row.<Float>getAs("probabilities_1");
      assertEquals(1.0, sum, 1e-5, "probabilities of " + row.getAs("name"));
    }
  }

  @Test
  void transformerRejectsInputColsThatDoNotFitTheModel() {
    ScryPredictTransformer predict =
        new ScryPredictTransformer()
            .setModelUri(
                TestData.model("skl2onnx_titanic_pipeline_nozipmap.onnx").toUri().toString())
            .setInputCols("pclass", "sex");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> predict.transform(csv("small_titanic.csv")));
    assertTrue(
        e.getMessage().contains("names 2 columns") && e.getMessage().contains("has 5 inputs"),
        e.getMessage());
  }

  @Test
  void udfScoresFromSparkSqlAndAgreesWithTheTransformer() {
    String model = TestData.model("skl2onnx_rf_iris.onnx").toUri().toString();
    ScryPredictUdf.register(spark, "predict_iris", model);
    csv("iris.csv").createOrReplaceTempView("iris_udf");
    List<Row> fromSql =
        spark
            .sql(
                "SELECT _index_, predict_iris("
                    + String.join(", ", FEATURES)
                    + ") AS label FROM iris_udf")
            .collectAsList();
    assertEquals(150, fromSql.size());

    Map<Object, Long> fromTransformer = new HashMap<>();
    new ScryPredictTransformer()
        .setModelUri(model)
        .setInputCols(FEATURES.toArray(String[]::new))
        .transform(spark.table("iris_udf"))
        .collectAsList()
        .forEach(r -> fromTransformer.put(r.getAs("_index_"), r.<Long>getAs("output_label")));
    for (Row row : fromSql) {
      assertEquals(fromTransformer.get(row.get(0)), row.<Long>getAs("label"), "row " + row.get(0));
    }
  }

  @Test
  void udfOfAModelWithSeveralScalarInputsTakesOneArgumentPerInput() {
    ScryPredictUdf.register(
        spark,
        "predict_survival",
        TestData.model("skl2onnx_titanic_pipeline_nozipmap.onnx").toUri().toString());
    csv("small_titanic.csv").createOrReplaceTempView("titanic_udf");
    List<Row> labels =
        spark
            .sql("SELECT predict_survival(pclass, sex, age, fare, embarked) FROM titanic_udf")
            .collectAsList();
    assertEquals(38, labels.size());
    assertTrue(
        labels.stream().allMatch(r -> r.getLong(0) == 0L || r.getLong(0) == 1L), labels.toString());
  }

  private Dataset<Row> csv(String file) {
    return spark
        .read()
        .option("header", "true")
        .option("inferSchema", "true")
        .option("escape", "\"")
        .csv(TestData.data(file).toString());
  }
}
