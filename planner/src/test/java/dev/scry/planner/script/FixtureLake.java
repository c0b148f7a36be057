package dev.scry.planner.script;

import dev.scry.planner.catalog.ColumnDefinition;
import dev.scry.planner.catalog.ColumnType;
import dev.scry.planner.testing.FixedSchemaInferrer;
import dev.scry.planner.testing.InMemoryFileStore;
import dev.scry.testing.TestData;
import java.util.List;
import java.util.Map;

/**
 * The files the planner scripts plan over, all in memory: data files (empty, since only their names
 * matter to planning) in Hive-style partition folders under {@value #LAKE}, and the real ONNX models of
 * {@code testdata/models} under {@value #MODELS}, whose signatures type PREDICT.
 */
public final class FixtureLake {
  public static final String LAKE = "file:///lake/";
  public static final String MODELS = "file:///models/";
  public static final String WAREHOUSE = "file:///warehouse/";

  /** The location whose columns CREATE EXTERNAL TABLE infers (the real table's header, typed as Spark would). */
  static final String IRIS_CSV = LAKE + "iris/";

  private static final List<String> MODEL_FILES =
      List.of(
          "skl2onnx_rf_iris.onnx",
          "skl2onnx_titanic_pipeline_zipmap.onnx",
          "skl2onnx_titanic_pipeline_nozipmap.onnx",
          "onnxmltools_xgboost_regressor.onnx",
          "onnxmltools2018_logreg_iris3_batch1.onnx",
          "tribuo_pytorch_cnn_mnist.onnx",
          // two classifiers with one signature, for model_aliases.iq
          "skl2onnx_onnxmltools_lightgbm_iris2.onnx",
          "skl2onnx_onnxmltools_xgboost_iris2.onnx");

  private FixtureLake() {}

  public static InMemoryFileStore files() {
    InMemoryFileStore files = new InMemoryFileStore();
    MODEL_FILES.forEach(model -> files.put(MODELS + model, TestData.modelBytes(model)));
    files.touch(IRIS_CSV + "iris.csv");
    files.touch(LAKE + "titanic/part-00000.parquet");
    files
        .touch(LAKE + "iris_features/part-00000.parquet")
        .touch(LAKE + "iris_features/part-00001.parquet")
        .touch(LAKE + "iris_features/_SUCCESS");
    // sales.events: 3 days x 2 regions; one folder holds two files, and Spark's markers are not
    // data.
    for (String day : List.of("2024-01-01", "2024-01-02", "2024-01-03")) {
      for (String region : List.of("eu", "us")) {
        files.touch(
            LAKE + "events/event_date=" + day + "/region=" + region + "/part-00000.parquet");
      }
    }
    files
        .touch(LAKE + "events/event_date=2024-01-02/region=eu/part-00001.parquet")
        .touch(LAKE + "events/event_date=2024-01-02/region=eu/.part-00001.parquet.crc")
        .touch(LAKE + "events/_SUCCESS");
    // sales.flowers: iris measurements in four batches, for PREDICT over a pruned scan.
    for (int batch = 1; batch <= 4; batch++) {
      files.touch(LAKE + "flowers/batch=" + batch + "/part-00000.parquet");
    }
    return files;
  }

  /** What Spark would infer from {@code testdata/data/iris.csv} with a header: R's quoted column names. */
  public static FixedSchemaInferrer inferrer() {
    ColumnType dbl = ColumnType.of("DOUBLE");
    return new FixedSchemaInferrer(
        Map.of(
            IRIS_CSV,
            List.of(
                new ColumnDefinition("_index_", ColumnType.of("INTEGER"), true),
                new ColumnDefinition("Sepal_Length", dbl, true),
                new ColumnDefinition("Sepal_Width", dbl, true),
                new ColumnDefinition("Petal_Length", dbl, true),
                new ColumnDefinition("Petal_Width", dbl, true),
                new ColumnDefinition("Species", ColumnType.of("VARCHAR"), true))));
  }

  /** The roots SQL may name: the lake, the models and the warehouse. */
  public static List<String> roots() {
    return List.of(LAKE, MODELS, WAREHOUSE);
  }
}
