package dev.scry.bench;

import dev.scry.gateway.demo.DemoModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The model the bench scores: scikit-learn's random forest on iris from the repository's testdata/ when it
 * is there, else the demo churn model, which the project generates itself. {@code dataQuery} is the DATA
 * query with {@code %s} where its table's name goes.
 */
record ScoringModel(
    String name,
    byte[] bytes,
    List<OrtLoopBaseline.InputSlice> inputs,
    String probabilityOutput,
    String dataQuery,
    String probabilityColumn) {
  static final String RF_IRIS_FILE = "models/skl2onnx_rf_iris.onnx";

  static ScoringModel choose(Path testdata) throws IOException {
    if (testdata != null && Files.isRegularFile(testdata.resolve(RF_IRIS_FILE))) {
      return new ScoringModel(
          "rf_iris",
          Files.readAllBytes(testdata.resolve(RF_IRIS_FILE)),
          List.of(new OrtLoopBaseline.InputSlice("float_input", 0, 4)),
          "output_probability",
          "SELECT ARRAY[f0, f1, f2, f3] AS float_input FROM %s",
          "output_probability_1");
    }
    return new ScoringModel(
        "churn",
        DemoModel.bytes(),
        List.of(
            new OrtLoopBaseline.InputSlice(DemoModel.TENURE_MONTHS, 0, 1),
            new OrtLoopBaseline.InputSlice(DemoModel.MONTHLY_CHARGES, 1, 1),
            new OrtLoopBaseline.InputSlice(DemoModel.SUPPORT_CALLS, 2, 1)),
        DemoModel.CHURN_PROBABILITY,
        "SELECT f0 AS tenure_months, f1 AS monthly_charges, f2 AS support_calls FROM %s",
        DemoModel.CHURN_PROBABILITY);
  }

  /** The same model under another name, registered with a baseline so its inputs are monitored. */
  ScoringModel watched() {
    return new ScoringModel(
        name + "_watched", bytes, inputs, probabilityOutput, dataQuery, probabilityColumn);
  }

  /** {@code SELECT count(*), avg(<probability>) FROM PREDICT(…)} over {@code table}. */
  String predictQuery(String table) {
    return "SELECT count(*) AS n, avg("
        + probabilityColumn
        + ") AS p FROM PREDICT(MODEL => '"
        + name
        + "', DATA => ("
        + dataQuery.formatted(table)
        + "))";
  }
}
