package dev.scry.planner.script;

import java.util.List;
import org.apache.calcite.sql.parser.SqlParseException;

/**
 * The catalog every planner script starts from, made by the same DDL a user would run (so registering
 * goes through the catalog, the location policy, schema inference and the model registry): lake tables,
 * two of them partitioned, and the registered models.
 */
public final class FixtureCatalog {
  static final List<String> STATEMENTS =
      List.of(
          "CREATE SCHEMA sales",
          "CREATE EXTERNAL TABLE iris STORED AS CSV LOCATION '"
              + FixtureLake.IRIS_CSV
              + "' OPTIONS (header 'true')",
          "CREATE EXTERNAL TABLE iris_features (id BIGINT NOT NULL, float_input DOUBLE ARRAY)"
              + " STORED AS PARQUET LOCATION '"
              + FixtureLake.LAKE
              + "iris_features/'",
          "CREATE EXTERNAL TABLE titanic (name VARCHAR, pclass BIGINT, sex VARCHAR, age DOUBLE, fare DOUBLE,"
              + " embarked VARCHAR, survived INTEGER) STORED AS PARQUET LOCATION '"
              + FixtureLake.LAKE
              + "titanic/'",
          "CREATE EXTERNAL TABLE sales.events (id BIGINT, amount DECIMAL(12, 2), category VARCHAR,"
              + " event_date DATE, region VARCHAR) STORED AS PARQUET LOCATION '"
              + FixtureLake.LAKE
              + "events/'"
              + " PARTITIONED BY (event_date, region)",
          "CREATE EXTERNAL TABLE sales.flowers (id BIGINT, sepal_length DOUBLE, sepal_width DOUBLE,"
              + " petal_length DOUBLE, petal_width DOUBLE, batch INTEGER) STORED AS PARQUET LOCATION '"
              + FixtureLake.LAKE
              + "flowers/' PARTITIONED BY (batch)",
          model("iris_rf", "skl2onnx_rf_iris.onnx", ""),
          model("titanic", "skl2onnx_titanic_pipeline_zipmap.onnx", ""),
          model("titanic_nozipmap", "skl2onnx_titanic_pipeline_nozipmap.onnx", ""),
          model("iris_reg", "onnxmltools_xgboost_regressor.onnx", " WITH (batch_size = 4096)"),
          model("iris_logreg", "onnxmltools2018_logreg_iris3_batch1.onnx", ""),
          model("mnist", "tribuo_pytorch_cnn_mnist.onnx", ""));

  private FixtureCatalog() {}

  /** A fresh session over a fresh copy of the fixture: scripts cannot see each other's changes. */
  public static PlannerSession open() {
    PlannerSession session =
        PlannerSession.open(
            FixtureLake.files(),
            FixtureLake.inferrer(),
            FixtureLake.WAREHOUSE,
            FixtureLake.roots());
    for (String statement : STATEMENTS) {
      try {
        session.execute(statement);
      } catch (SqlParseException e) {
        throw new IllegalStateException("Fixture statement does not parse: " + statement, e);
      }
    }
    return session;
  }

  private static String model(String name, String file, String with) {
    return "CREATE MODEL " + name + " FROM '" + FixtureLake.MODELS + file + "'" + with;
  }
}
