package dev.scry.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every model in testdata/, registered and scored through the driver, checked against an
 * independent reference: scikit-learn's own predictions where the test data has them, ONNX Runtime called
 * directly otherwise, the true digit for MNIST.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EveryModelScoresTest {
  /** Numbers agree within this, relative to the value's magnitude when it exceeds one. */
  private static final double TOLERANCE = 1e-5;

  @TempDir static Path work;

  private RunningGateway gateway;

  /** One model of the test data: a name for the report and the check that registers and scores it. */
  record ModelCase(String model, Check check) {
    @Override
    public String toString() {
      return model;
    }
  }

  @FunctionalInterface
  interface Check {
    void run(EveryModelScoresTest test, Statement statement) throws Exception;
  }

  @BeforeAll
  void startGateway() throws SQLException {
    gateway = RunningGateway.start(work);
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE EXTERNAL TABLE iris STORED AS CSV LOCATION '"
              + TestData.uri(TestData.data("iris.csv"))
              + "' OPTIONS (header 'true')");
      statement.execute(
          "CREATE EXTERNAL TABLE titanic STORED AS CSV LOCATION '"
              + TestData.uri(TestData.data("small_titanic.csv"))
              + "' OPTIONS (header 'true', 'escape' '\"')");
    }
  }

  @AfterAll
  void stopGateway() {
    if (gateway != null) {
      gateway.close();
    }
  }

  static Stream<ModelCase> models() {
    return Stream.of(
        new ModelCase(
            "onnxmltools2018_logreg_iris3_batch1.onnx",
            EveryModelScoresTest::logisticRegressionBatch1),
        new ModelCase(
            "onnxmltools2018_linreg_batch1.onnx", EveryModelScoresTest::linearRegressionBatch1),
        new ModelCase(
            "onnxmltools2018_label_encoder_string_batch1.onnx",
            EveryModelScoresTest::labelEncoderBatch1),
        new ModelCase("skl2onnx_rf_iris.onnx", EveryModelScoresTest::randomForestIris),
        new ModelCase("skl2onnx_titanic_pipeline_zipmap.onnx", EveryModelScoresTest::titanicZipMap),
        new ModelCase(
            "skl2onnx_titanic_pipeline_nozipmap.onnx", EveryModelScoresTest::titanicNoZipMap),
        new ModelCase(
            "skl2onnx_onnxmltools_lightgbm_iris2.onnx", EveryModelScoresTest::lightGbmIris),
        new ModelCase("skl2onnx_onnxmltools_xgboost_iris2.onnx", EveryModelScoresTest::xgboostIris),
        new ModelCase("onnxmltools_xgboost_regressor.onnx", EveryModelScoresTest::xgboostRegressor),
        new ModelCase("tribuo_pytorch_cnn_mnist.onnx", EveryModelScoresTest::mnistCnn),
        new ModelCase(
            "skl2onnx_text_tfidf_lightgbm_needs_en_US_locale.onnx",
            EveryModelScoresTest::textModel));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void scoresCorrectlyThroughTheDriver(ModelCase modelCase) throws Exception {
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      modelCase.check().run(this, statement);
      assertGatewayServes(statement);
    }
  }

  // ------------------------------------------------------------------------------ scikit-learn
  // references

  void logisticRegressionBatch1(Statement statement) throws Exception {
    register(statement, "logreg", "onnxmltools2018_logreg_iris3_batch1.onnx");
    expectedTable(statement, "logreg_expected", "logreg_iris3_sklearn_expected.csv");
    int rows = 0;
    try (ResultSet rs =
        statement.executeQuery(
            """
        SELECT expected_label, expected_p0, expected_p1, expected_p2,
               label, probabilities_0, probabilities_1, probabilities_2
        FROM PREDICT(MODEL => 'logreg', DATA => (
          SELECT expected_label, expected_p0, expected_p1, expected_p2,
                 ARRAY[sepal_length, sepal_width, petal_length] AS input
          FROM logreg_expected))""")) {
      while (rs.next()) {
        rows++;
        assertEquals(rs.getLong("expected_label"), rs.getLong("label"), "label of row " + rows);
        for (int k = 0; k < 3; k++) {
          assertClose(
              rs.getDouble("expected_p" + k),
              rs.getFloat("probabilities_" + k),
              "p" + k + " of row " + rows);
        }
      }
    }
    assertEquals(150, rows);
  }

  void linearRegressionBatch1(Statement statement) throws Exception {
    register(statement, "linreg", "onnxmltools2018_linreg_batch1.onnx");
    expectedTable(statement, "linreg_expected", "linreg_make_regression_sklearn_expected.csv");
    int rows = 0;
    try (ResultSet rs =
        statement.executeQuery(
            """
        SELECT expected_y, variable
        FROM PREDICT(MODEL => 'linreg',
          DATA => (SELECT expected_y, ARRAY[x0, x1, x2, x3] AS input FROM linreg_expected))""")) {
      while (rs.next()) {
        rows++;
        assertClose(rs.getDouble("expected_y"), rs.getFloat("variable"), "y of row " + rows);
      }
    }
    assertEquals(100, rows);
  }

  void labelEncoderBatch1(Statement statement) throws Exception {
    register(statement, "encoder", "onnxmltools2018_label_encoder_string_batch1.onnx");
    expectedTable(statement, "encoder_expected", "label_encoder_sklearn_expected.csv");
    List<Map<String, String>> expected =
        CsvRows.read(TestData.root().resolve("expected/label_encoder_sklearn_expected.csv"));
    int rows = 0;
    try (ResultSet rs =
        statement.executeQuery(
            "SELECT * FROM PREDICT(MODEL => 'encoder', DATA => TABLE encoder_expected)")) {
      while (rs.next()) {
        rows++;
        assertEquals(
            rs.getLong("expected_code"),
            rs.getLong("variable"),
            "code of " + rs.getString("input"));
      }
    }
    assertEquals(expected.size(), rows, "every row of the expected file is scored");
  }

  // ------------------------------------------------------------------------ ONNX Runtime as the
  // reference

  void randomForestIris(Statement statement) throws Exception {
    register(statement, "rf", "skl2onnx_rf_iris.onnx");
    irisClassifierAgreesWithOnnxRuntime(
        statement,
        "rf",
        "skl2onnx_rf_iris.onnx",
        "float_input",
        List.of("Sepal_Length", "Sepal_Width", "Petal_Length", "Petal_Width"));
  }

  void lightGbmIris(Statement statement) throws Exception {
    register(statement, "lgbm", "skl2onnx_onnxmltools_lightgbm_iris2.onnx");
    irisClassifierAgreesWithOnnxRuntime(
        statement,
        "lgbm",
        "skl2onnx_onnxmltools_lightgbm_iris2.onnx",
        "input",
        List.of("Sepal_Length", "Sepal_Width"));
  }

  void xgboostIris(Statement statement) throws Exception {
    register(statement, "xgb", "skl2onnx_onnxmltools_xgboost_iris2.onnx");
    irisClassifierAgreesWithOnnxRuntime(
        statement,
        "xgb",
        "skl2onnx_onnxmltools_xgboost_iris2.onnx",
        "input",
        List.of("Sepal_Length", "Sepal_Width"));
  }

  /** A classifier with a ZipMap output of three classes scores the 150 iris rows as ONNX Runtime does. */
  private void irisClassifierAgreesWithOnnxRuntime(
      Statement statement, String model, String file, String input, List<String> features)
      throws Exception {
    List<Map<String, String>> iris = CsvRows.read(TestData.data("iris.csv"));
    float[][] x = new float[iris.size()][features.size()];
    for (int i = 0; i < iris.size(); i++) {
      for (int j = 0; j < features.size(); j++) {
        x[i][j] = Float.parseFloat(iris.get(i).get(features.get(j)));
      }
    }
    Map<String, Object> reference = DirectOrt.run(file, Map.of(input, x));
    long[] labels = (long[]) reference.get("output_label");
    Object probabilities = reference.get("output_probability");

    int rows = 0;
    try (ResultSet rs =
        statement.executeQuery(
            "SELECT \"_index_\" AS i, output_label,"
                + " output_probability_0, output_probability_1, output_probability_2 FROM PREDICT(MODEL => '"
                + model
                + "', DATA => (SELECT \"_index_\", ARRAY["
                + String.join(", ", features)
                + "] AS "
                + input
                + " FROM iris))")) {
      while (rs.next()) {
        rows++;
        int i = rs.getInt("i") - 1;
        assertEquals(labels[i], rs.getLong("output_label"), "label of row " + (i + 1));
        for (int k = 0; k < 3; k++) {
          assertClose(
              DirectOrt.zipMapProbability(probabilities, i, k),
              rs.getFloat("output_probability_" + k),
              "probability of class " + k + " in row " + (i + 1));
        }
      }
    }
    assertEquals(150, rows);
  }

  void titanicZipMap(Statement statement) throws Exception {
    register(statement, "titanic_zipmap", "skl2onnx_titanic_pipeline_zipmap.onnx");
    titanicAgreesWithOnnxRuntime(
        statement, "titanic_zipmap", "skl2onnx_titanic_pipeline_zipmap.onnx", true);
  }

  void titanicNoZipMap(Statement statement) throws Exception {
    register(statement, "titanic_plain", "skl2onnx_titanic_pipeline_nozipmap.onnx");
    titanicAgreesWithOnnxRuntime(
        statement, "titanic_plain", "skl2onnx_titanic_pipeline_nozipmap.onnx", false);
  }

  /** The ZipMap model takes pclass as a string (cast in SQL), the other as int64; NULL age becomes NaN. */
  private void titanicAgreesWithOnnxRuntime(
      Statement statement, String model, String file, boolean zipMap) throws Exception {
    List<Map<String, String>> passengers = CsvRows.read(TestData.data("small_titanic.csv"));
    int n = passengers.size();
    Object pclass = zipMap ? new String[n][1] : new long[n][1];
    String[][] sex = new String[n][1];
    float[][] age = new float[n][1];
    float[][] fare = new float[n][1];
    String[][] embarked = new String[n][1];
    Map<String, Integer> rowOfName = new HashMap<>();
    for (int i = 0; i < n; i++) {
      Map<String, String> p = passengers.get(i);
      rowOfName.put(p.get("name"), i);
      if (zipMap) {
        ((String[][]) pclass)[i][0] = p.get("pclass");
      } else {
        ((long[][]) pclass)[i][0] = Long.parseLong(p.get("pclass"));
      }
      sex[i][0] = p.get("sex");
      age[i][0] = p.get("age").isEmpty() ? Float.NaN : Float.parseFloat(p.get("age"));
      fare[i][0] = Float.parseFloat(p.get("fare"));
      embarked[i][0] = p.get("embarked");
    }
    Map<String, Object> reference =
        DirectOrt.run(
            file,
            Map.of("pclass", pclass, "sex", sex, "age", age, "fare", fare, "embarked", embarked));
    String labelOutput = zipMap ? "output_label" : "label";
    String probabilityOutput = zipMap ? "output_probability" : "probabilities";
    long[] labels = (long[]) reference.get(labelOutput);

    String data =
        zipMap
            ? "(SELECT name, CAST(pclass AS VARCHAR) AS pclass, sex, age, fare, embarked FROM titanic)"
            : "TABLE titanic";
    int rows = 0;
    try (ResultSet rs =
        statement.executeQuery(
            "SELECT name, "
                + labelOutput
                + ", "
                + probabilityOutput
                + "_0, "
                + probabilityOutput
                + "_1 FROM PREDICT(MODEL => '"
                + model
                + "', DATA => "
                + data
                + ")")) {
      while (rs.next()) {
        rows++;
        int i = rowOfName.get(rs.getString("name"));
        assertEquals(labels[i], rs.getLong(labelOutput), "label of " + rs.getString("name"));
        for (int k = 0; k < 2; k++) {
          float expected =
              zipMap
                  ? DirectOrt.zipMapProbability(reference.get(probabilityOutput), i, k)
                  : ((float[][]) reference.get(probabilityOutput))[i][k];
          assertClose(
              expected,
              rs.getFloat(probabilityOutput + "_" + k),
              "p" + k + " of " + rs.getString("name"));
        }
      }
    }
    assertEquals(n, rows);
  }

  void xgboostRegressor(Statement statement) throws Exception {
    register(statement, "xgb_regressor", "onnxmltools_xgboost_regressor.onnx");
    List<Map<String, String>> iris = CsvRows.read(TestData.data("iris.csv"));
    List<String> features = List.of("Sepal_Length", "Sepal_Width", "Petal_Length", "Petal_Width");
    float[][] x = new float[iris.size()][4];
    for (int i = 0; i < iris.size(); i++) {
      for (int j = 0; j < 4; j++) {
        x[i][j] = Float.parseFloat(iris.get(i).get(features.get(j)));
      }
    }
    float[][] reference =
        (float[][])
            DirectOrt.run("onnxmltools_xgboost_regressor.onnx", Map.of("X", x)).get("variable");
    int rows = 0;
    try (ResultSet rs =
        statement.executeQuery(
            """
        SELECT "_index_" AS i, variable
        FROM PREDICT(MODEL => 'xgb_regressor', DATA => (
          SELECT "_index_", ARRAY[Sepal_Length, Sepal_Width, Petal_Length, Petal_Width] AS X FROM iris))""")) {
      while (rs.next()) {
        rows++;
        int i = rs.getInt("i") - 1;
        assertClose(reference[i][0], rs.getFloat("variable"), "prediction of row " + (i + 1));
      }
    }
    assertEquals(150, rows);
  }

  // ------------------------------------------------------------------------------------ MNIST and
  // text

  /** The 62 digits of mnist_test_head as a table of 784 pixel columns, scored as [N,1,28,28]: all correct. */
  void mnistCnn(Statement statement) throws Exception {
    register(statement, "mnist", "tribuo_pytorch_cnn_mnist.onnx");
    Path csv =
        MnistTable.writeCsv(TestData.data("mnist_test_head.libsvm"), work.resolve("mnist.csv"));
    statement.execute(
        "CREATE EXTERNAL TABLE mnist STORED AS CSV LOCATION '"
            + TestData.uri(csv)
            + "' OPTIONS (header 'true')");
    String pixels =
        IntStream.range(0, MnistTable.PIXELS)
            .mapToObj(i -> "p" + i)
            .collect(Collectors.joining(", "));
    String scores =
        IntStream.range(0, 10).mapToObj(i -> "output_probs_" + i).collect(Collectors.joining(", "));
    int rows = 0;
    int correct = 0;
    try (ResultSet rs =
        statement.executeQuery(
            "SELECT digit, "
                + scores
                + " FROM PREDICT(MODEL => 'mnist',"
                + " DATA => (SELECT digit, ARRAY["
                + pixels
                + "] AS input_image FROM mnist))")) {
      while (rs.next()) {
        rows++;
        int best = 0;
        for (int k = 1; k < 10; k++) {
          if (rs.getFloat("output_probs_" + k) > rs.getFloat("output_probs_" + best)) {
            best = k;
          }
        }
        if (best == rs.getInt("digit")) {
          correct++;
        }
      }
    }
    assertEquals(62, rows);
    assertEquals(62, correct, "digits recognised");
  }

  /**
   * The text model needs the en_US.UTF-8 locale when its session is created. Where ONNX Runtime can load
   * it, it scores; where it cannot, CREATE MODEL fails with an error naming the locale.
   */
  void textModel(Statement statement) throws Exception {
    String file = "skl2onnx_text_tfidf_lightgbm_needs_en_US_locale.onnx";
    String create = "CREATE MODEL text_model FROM '" + TestData.uri(TestData.model(file)) + "'";
    if (!DirectOrt.canLoad(file)) {
      SQLException e = assertThrows(SQLException.class, () -> statement.execute(create));
      assertTrue(
          e.getMessage().contains("en_US.UTF-8"), "names the missing locale: " + e.getMessage());
      assertTrue(e.getMessage().contains("text_model"), "names the model: " + e.getMessage());
      SQLException missing =
          assertThrows(
              SQLException.class,
              () ->
                  statement.executeQuery(
                      "SELECT * FROM PREDICT(MODEL => 'text_model', DATA => (SELECT 'x' AS text))"));
      assertTrue(
          missing.getMessage().contains("does not exist"),
          "nothing was registered: " + missing.getMessage());
      return;
    }
    statement.execute(create);
    Map<String, Object> reference =
        DirectOrt.run(
            file,
            Map.of(
                "input",
                new float[][] {{1f, 2f}},
                "text",
                new String[][] {{"the cat sat on the mat"}}));
    long label = ((long[]) reference.get("label"))[0];
    try (ResultSet rs =
        statement.executeQuery(
            """
        SELECT label, probabilities_0 + probabilities_1 + probabilities_2 AS total
        FROM PREDICT(MODEL => 'text_model', DATA => (
          SELECT ARRAY[1.0, 2.0] AS input, 'the cat sat on the mat' AS text))""")) {
      assertTrue(rs.next());
      assertEquals(label, rs.getLong("label"));
      assertEquals(1.0, rs.getDouble("total"), TOLERANCE);
    }
  }

  // ----------------------------------------------------------------------------------------------
  // helpers

  private static void register(Statement statement, String name, String file) throws SQLException {
    statement.execute(
        "CREATE MODEL " + name + " FROM '" + TestData.uri(TestData.model(file)) + "'");
  }

  private static void expectedTable(Statement statement, String table, String file)
      throws SQLException {
    statement.execute(
        "CREATE EXTERNAL TABLE "
            + table
            + " STORED AS CSV LOCATION '"
            + TestData.uri(TestData.root().resolve("expected").resolve(file))
            + "' OPTIONS (header 'true')");
  }

  private static void assertClose(double expected, double actual, String what) {
    double tolerance = TOLERANCE * Math.max(1.0, Math.abs(expected));
    assertEquals(expected, actual, tolerance, what);
  }

  private static void assertGatewayServes(Statement statement) throws SQLException {
    try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM iris")) {
      assertTrue(rs.next());
      assertEquals(150, rs.getLong(1));
    }
  }

  /** Writes mnist_test_head.libsvm as a CSV: digit, p0 … p783 (0–255 pixel values). */
  static final class MnistTable {
    static final int PIXELS = 784;

    private MnistTable() {}

    static Path writeCsv(Path libsvm, Path csv) throws IOException {
      List<String> lines = new ArrayList<>();
      lines.add(
          "digit,"
              + IntStream.range(0, PIXELS).mapToObj(i -> "p" + i).collect(Collectors.joining(",")));
      for (String line : Files.readAllLines(libsvm)) {
        if (line.isBlank()) {
          continue;
        }
        String[] parts = line.trim().split("\\s+");
        int[] pixels = new int[PIXELS];
        for (int i = 1; i < parts.length; i++) {
          String[] indexValue = parts[i].split(":");
          pixels[Integer.parseInt(indexValue[0]) - 1] = (int) Float.parseFloat(indexValue[1]);
        }
        lines.add(
            parts[0]
                + ","
                + IntStream.of(pixels).mapToObj(String::valueOf).collect(Collectors.joining(",")));
      }
      return Files.write(csv, lines);
    }
  }
}
