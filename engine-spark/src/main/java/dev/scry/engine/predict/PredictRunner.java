package dev.scry.engine.predict;

import dev.scry.planner.predict.PredictSpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Runs one PREDICT: scores the model on every row of {@code data} and returns the data's columns
 * followed by one column per {@link PredictSpec#outputs() output column}.
 */
public interface PredictRunner {
  Dataset<Row> predict(Dataset<Row> data, PredictSpec spec);
}
