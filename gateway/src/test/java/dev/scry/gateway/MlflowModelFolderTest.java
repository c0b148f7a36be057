package dev.scry.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * MLflow model folders (an MLmodel file plus the ONNX file its onnx flavor names), built in the test's
 * storage root around the titanic test-data model, registered and scored through the driver.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MlflowModelFolderTest {
  private static final String TITANIC = "skl2onnx_titanic_pipeline_nozipmap.onnx";
  private static final String TITANIC_INPUTS =
      """
      [{"name": "pclass", "type": "long"}, {"name": "sex", "type": "string"}, {"name": "age", "type": "float"}, \
      {"name": "fare", "type": "float"}, {"name": "embarked", "type": "string"}]""";

  @TempDir static Path work;

  private RunningGateway gateway;

  @BeforeAll
  void startGateway() throws SQLException {
    gateway = RunningGateway.start(work);
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
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

  @Test
  void anOnnxFlavoredFolderRegistersShowsItsSignatureAndScoresLikeItsOnnxFile() throws Exception {
    Path folder =
        mlflowFolder(
            "titanic_mlflow",
            "onnx",
            TITANIC_INPUTS,
            "[{\"name\": \"label\", \"type\": \"long\"}]");
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE MODEL titanic_ml FROM '" + TestData.uri(folder) + "'");
      statement.execute(
          "CREATE MODEL titanic_onnx FROM '" + TestData.uri(TestData.model(TITANIC)) + "'");

      Map<String, List<String>> described = describe(statement, "titanic_ml");
      assertEquals(List.of("", "BIGINT", "long"), described.get("mlflow input pclass"));
      assertEquals(List.of("", "VARCHAR", "string"), described.get("mlflow input sex"));
      assertEquals(List.of("", "REAL", "float"), described.get("mlflow input age"));
      assertEquals(List.of("", "BIGINT", "long"), described.get("mlflow output label"));
      assertEquals("onnx, python_function", described.get("property mlflow_flavors").get(2));
      assertTrue(described.containsKey("input pclass"), "the graph's own inputs are still listed");

      Path registered = work.resolve("warehouse/_scry/models/titanic_ml/1");
      assertArrayEquals(
          Files.readAllBytes(TestData.model(TITANIC)),
          Files.readAllBytes(registered.resolve("model.onnx")));
      assertArrayEquals(
          Files.readAllBytes(folder.resolve("MLmodel")),
          Files.readAllBytes(registered.resolve("MLmodel")));

      String query =
          "SELECT name, label, probabilities_1 FROM PREDICT(MODEL => '%s', DATA => TABLE titanic) ORDER BY name";
      List<String> fromOnnx = rows(statement, query.formatted("titanic_onnx"));
      assertEquals(38, fromOnnx.size());
      assertEquals(fromOnnx, rows(statement, query.formatted("titanic_ml")));
      assertEquals(
          fromOnnx,
          rows(statement, query.formatted(TestData.uri(folder))),
          "a folder URI scores directly");
      assertEquals(
          fromOnnx,
          rows(statement, query.formatted(TestData.uri(folder.resolve("MLmodel")))),
          "so does the URI of its MLmodel file");
      statement.execute("DROP MODEL titanic_ml");
      statement.execute("DROP MODEL titanic_onnx");
    }
  }

  @Test
  void aSignatureInputTheGraphLacksIsAnError() throws Exception {
    Path folder =
        mlflowFolder(
            "titanic_cabin",
            "onnx",
            TITANIC_INPUTS.replace("]", ", {\"name\": \"cabin\", \"type\": \"string\"}]"),
            null);
    SQLException e = createFails("titanic_cabin", folder);
    assertTrue(
        e.getMessage().contains("names input 'cabin', which the ONNX graph does not have")
            && e.getMessage().contains("pclass"),
        e.getMessage());
  }

  @Test
  void aSignatureTypeThatDisagreesWithTheGraphIsAnError() throws Exception {
    Path folder =
        mlflowFolder(
            "titanic_double_age",
            "onnx",
            TITANIC_INPUTS.replace("\"age\", \"type\": \"float\"", "\"age\", \"type\": \"double\""),
            null);
    SQLException e = createFails("titanic_double_age", folder);
    assertTrue(
        e.getMessage().contains("input 'age' as double")
            && e.getMessage().contains("tensor(float)"),
        e.getMessage());
  }

  @Test
  void aFolderWithoutAnOnnxFlavorIsAnErrorThatSaysHowToExport() throws Exception {
    Path folder = Files.createDirectories(work.resolve("mleap_model"));
    Files.copy(TestData.root().resolve("mlflow-reference/MLmodel"), folder.resolve("MLmodel"));
    SQLException e = createFails("wine", folder);
    assertTrue(
        e.getMessage().contains("has no onnx flavor")
            && e.getMessage().contains("[mleap]")
            && e.getMessage().contains("mlflow.onnx.log_model")
            && e.getMessage().contains("skl2onnx"),
        e.getMessage());
  }

  private SQLException createFails(String name, Path folder) throws SQLException {
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      SQLException e =
          assertThrows(
              SQLException.class,
              () ->
                  statement.execute(
                      "CREATE MODEL " + name + " FROM '" + TestData.uri(folder) + "'"));
      try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM titanic")) {
        assertTrue(rs.next());
        assertEquals(38, rs.getLong(1), "the gateway keeps serving");
      }
      try (ResultSet rs = statement.executeQuery("SHOW MODELS")) {
        while (rs.next()) {
          assertTrue(
              !name.equalsIgnoreCase(rs.getString(1)), "a rejected folder is not registered");
        }
      }
      return e;
    }
  }

  /** An MLflow folder as mlflow.onnx.save_model lays it out, around the titanic test-data model. */
  private static Path mlflowFolder(String name, String flavor, String inputs, String outputs)
      throws IOException {
    Path folder = Files.createDirectories(work.resolve(name));
    Files.copy(TestData.model(TITANIC), folder.resolve("model.onnx"));
    String mlmodel =
        """
        artifact_path: model
        flavors:
          %s:
            code: null
            data: model.onnx
            onnx_version: 1.14.1
            providers: [CPUExecutionProvider]
          python_function:
            data: model.onnx
            loader_module: mlflow.onnx
            python_version: 3.10.12
        mlflow_version: 2.9.2
        model_uuid: 7f3d0c1e5b2a4c6d8e9f0a1b2c3d4e5f
        signature:
          inputs: '%s'
        %s
        utc_time_created: '2024-01-05 10:00:00.000000'
        """
            .formatted(flavor, inputs, outputs == null ? "" : "  outputs: '" + outputs + "'");
    Files.writeString(folder.resolve("MLmodel"), mlmodel);
    return folder;
  }

  private static Map<String, List<String>> describe(Statement statement, String model)
      throws SQLException {
    Map<String, List<String>> rows = new TreeMap<>();
    try (ResultSet rs = statement.executeQuery("DESCRIBE MODEL " + model)) {
      while (rs.next()) {
        rows.put(
            rs.getString(1) + " " + rs.getString(2),
            List.of(rs.getString("shape"), rs.getString("sql_type"), rs.getString("detail")));
      }
    }
    return rows;
  }

  private static List<String> rows(Statement statement, String query) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (ResultSet rs = statement.executeQuery(query)) {
      while (rs.next()) {
        rows.add(rs.getString(1) + "|" + rs.getLong(2) + "|" + rs.getFloat(3));
      }
    }
    return rows;
  }
}
