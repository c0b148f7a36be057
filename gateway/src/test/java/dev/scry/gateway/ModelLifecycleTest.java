package dev.scry.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.engine.predict.OrtSessionCache;
import dev.scry.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Registering, versioning and dropping models through the driver, and the errors of bad model files. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelLifecycleTest {
  @TempDir static Path work;

  private RunningGateway gateway;

  @BeforeAll
  void startGateway() throws SQLException {
    gateway = RunningGateway.start(work);
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE EXTERNAL TABLE iris STORED AS CSV LOCATION '"
              + TestData.uri(TestData.data("iris.csv"))
              + "' OPTIONS (header 'true')");
    }
  }

  @AfterAll
  void stopGateway() {
    if (gateway != null) {
      gateway.close();
    }
  }

  /** In local mode the gateway's JVM is the executor: DROP MODEL closes the version's session there. */
  @Test
  void dropModelReleasesTheSessionOfItsVersions() throws SQLException {
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE MODEL reg FROM '"
              + TestData.uri(TestData.model("onnxmltools_xgboost_regressor.onnx"))
              + "'");
      String sha = property(statement, "reg", "sha256");
      try (ResultSet rs =
          statement.executeQuery(
              "SELECT sum(PREDICT('reg', Sepal_Length, Sepal_Width, Petal_Length, Petal_Width)) FROM iris")) {
        assertTrue(rs.next());
        assertEquals(150.0, rs.getDouble(1), 5.0, "classes 0, 1, 2 fifty times each");
      }
      assertTrue(OrtSessionCache.shared().isOpen(sha), "scoring opened a session");
      statement.execute("DROP MODEL reg");
      assertFalse(OrtSessionCache.shared().isOpen(sha), "DROP MODEL released it");
    }
  }

  @Test
  void versionsStayAddressableAndAnUnknownVersionIsAnError() throws SQLException {
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE MODEL m FROM '" + TestData.uri(TestData.model("skl2onnx_rf_iris.onnx")) + "'");
      statement.execute(
          "CREATE OR REPLACE MODEL m FROM '"
              + TestData.uri(TestData.model("onnxmltools_xgboost_regressor.onnx"))
              + "'");
      assertEquals("2", property(statement, "m", "version"));
      assertEquals("1", property(statement, "'m:1'", "version"));
      SQLException e =
          assertThrows(
              SQLException.class,
              () ->
                  statement.executeQuery(
                      "SELECT * FROM PREDICT(MODEL => 'm:3', DATA => TABLE iris)"));
      assertTrue(
          e.getMessage().contains("has no version 3") && e.getMessage().contains("[1, 2]"),
          e.getMessage());
      statement.execute("DROP MODEL m");
    }
  }

  @Test
  void describeModelShowsOnnxAndSqlTypesShapesAndProperties() throws SQLException {
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE MODEL described FROM '"
              + TestData.uri(TestData.model("skl2onnx_rf_iris.onnx"))
              + "' WITH (batch_size = 256, description = 'iris forest')");
      Map<String, String> rows = new LinkedHashMap<>();
      try (ResultSet rs = statement.executeQuery("DESCRIBE MODEL described")) {
        while (rs.next()) {
          rows.put(
              rs.getString("kind") + " " + rs.getString("name"),
              rs.getString("onnx_type")
                  + " | "
                  + rs.getString("shape")
                  + " | "
                  + rs.getString("sql_type")
                  + " | "
                  + rs.getString("detail"));
        }
      }
      assertEquals(
          "tensor(float) | [-1, 4] | ARRAY of 4 numbers | ", rows.get("input float_input"));
      assertEquals(
          "tensor(int64) | [-1] | output_label BIGINT | ", rows.get("output output_label"));
      assertTrue(
          rows.get("output output_probability")
              .endsWith(
                  "output_probability_0 REAL, output_probability_1 REAL, output_probability_2 REAL | "),
          rows.get("output output_probability"));
      assertTrue(
          rows.get("property sha256")
              .endsWith(TestData.sha256Hex(TestData.model("skl2onnx_rf_iris.onnx"))),
          rows.get("property sha256"));
      assertTrue(rows.get("property source").contains("skl2onnx_rf_iris.onnx"));
      assertTrue(rows.get("property batch_size").endsWith("256"));
      assertTrue(rows.get("property description").endsWith("iris forest"));
      assertTrue(rows.get("property version").endsWith("1"));
      statement.execute("DROP MODEL described");
    }
  }

  @Test
  void filesThatAreNotLoadableOnnxAreRefusedClearly() throws Exception {
    Path notOnnx = Files.writeString(work.resolve("notes.onnx"), "this is not a model");
    byte[] rf = Files.readAllBytes(TestData.model("skl2onnx_rf_iris.onnx"));
    Path truncated = Files.write(work.resolve("truncated.onnx"), Arrays.copyOf(rf, rf.length / 2));
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      for (Path file : new Path[] {notOnnx, truncated}) {
        SQLException e =
            assertThrows(
                SQLException.class,
                () -> statement.execute("CREATE MODEL bad FROM '" + TestData.uri(file) + "'"));
        assertTrue(
            e.getMessage().contains(file.getFileName().toString()),
            "names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains("not a readable ONNX model"), e.getMessage());
      }
      try (ResultSet rs = statement.executeQuery("SHOW MODELS")) {
        while (rs.next()) {
          assertFalse(rs.getString(1).equalsIgnoreCase("bad"), "nothing was registered");
        }
      }
    }
  }

  private static String property(Statement statement, String model, String name)
      throws SQLException {
    try (ResultSet rs = statement.executeQuery("DESCRIBE MODEL " + model)) {
      while (rs.next()) {
        if ("property".equals(rs.getString(1)) && name.equals(rs.getString(2))) {
          return rs.getString("detail");
        }
      }
    }
    throw new AssertionError("DESCRIBE MODEL " + model + " has no property " + name);
  }
}
