package dev.scry.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.testing.TestData;
import dev.scry.testing.TestTables;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model input monitoring through the driver: a model registered with iris as its baseline, then scored
 * on iris with one measurement tripled. SHOW MODEL DRIFT finds that input, and only it, above the PSI
 * threshold; the baseline survives a restart, the counts (since start) do not.
 */
class ModelDriftThroughJdbcTest {
  private static final String BASELINE =
      "SELECT ARRAY[Sepal_Length, Sepal_Width, Petal_Length, Petal_Width] AS float_input FROM iris";
  private static final String SHIFTED =
      "SELECT ARRAY[Sepal_Length, Sepal_Width, Petal_Length * 3, Petal_Width] AS float_input FROM iris";
  private static final List<String> INPUTS =
      List.of("float_input[0]", "float_input[1]", "float_input[2]", "float_input[3]");

  @TempDir static Path work;

  @Test
  void theShiftedInputAloneDriftsAndTheBaselineSurvivesARestart() throws SQLException {
    try (RunningGateway gateway = RunningGateway.start(work);
        Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      TestTables.registerIrisAndTitanic(statement);
      statement.execute(
          "CREATE MODEL watched FROM '"
              + TestData.uri(TestData.model("skl2onnx_rf_iris.onnx"))
              + "' WITH (baseline = '"
              + BASELINE.replace("'", "''")
              + "')");
      Map<String, Object[]> before = drift(statement);
      assertEquals(INPUTS, List.copyOf(before.keySet()));
      for (Object[] row : before.values()) {
        assertNull(row[0], "no PSI before any scoring");
        assertEquals(0.0, row[2], "iris has no NULLs");
        assertEquals(0L, row[3]);
        assertNull(row[4]);
      }
      // Only the labels read: PREDICT is fed the four elements as columns.
      assertEquals(
          150,
          count(
              statement,
              "SELECT output_label FROM PREDICT(MODEL => 'watched', DATA => (" + SHIFTED + "))"));
      // The array read too: PREDICT is fed the array itself.
      assertEquals(
          150,
          count(
              statement,
              "SELECT float_input, output_label FROM PREDICT(MODEL => 'watched', DATA => ("
                  + SHIFTED
                  + "))"));
      Map<String, Object[]> after = drift(statement);
      for (String input : INPUTS) {
        Object[] row = after.get(input);
        assertEquals(300L, row[3], input);
        assertEquals(0.0, row[1], input);
        if (input.equals("float_input[2]")) {
          assertTrue((Double) row[0] > 0.2, input + " PSI " + row[0]);
          assertEquals(Boolean.TRUE, row[4], input);
        } else {
          assertTrue((Double) row[0] < 1e-9, input + " PSI " + row[0]);
          assertEquals(Boolean.FALSE, row[4], input);
        }
      }
      statement.execute("SET drift.psi_threshold = 1000");
      assertEquals(Boolean.FALSE, drift(statement).get("float_input[2]")[4]);
    }
    try (RunningGateway restarted = RunningGateway.start(work);
        Connection connection = restarted.connect();
        Statement statement = connection.createStatement()) {
      Map<String, Object[]> again = drift(statement);
      assertEquals(INPUTS, List.copyOf(again.keySet()));
      again.values().forEach(row -> assertEquals(0L, row[3], "counts start again"));
      assertEquals(
          150,
          count(
              statement,
              "SELECT output_label FROM PREDICT(MODEL => 'watched', DATA => (" + BASELINE + "))"));
      drift(statement).forEach((input, row) -> assertTrue((Double) row[0] < 1e-9, input));
    }
  }

  /** SHOW MODEL DRIFT's rows by input: psi, null_share, baseline_null_share, rows_seen, drifted. */
  private static Map<String, Object[]> drift(Statement statement) throws SQLException {
    Map<String, Object[]> rows = new LinkedHashMap<>();
    try (ResultSet rs = statement.executeQuery("SHOW MODEL DRIFT watched")) {
      while (rs.next()) {
        rows.put(
            (String) rs.getObject("input"),
            new Object[] {
              rs.getObject("psi"),
              rs.getObject("null_share"),
              rs.getObject("baseline_null_share"),
              rs.getObject("rows_seen"),
              rs.getObject("drifted")
            });
      }
    }
    return rows;
  }

  private static int count(Statement statement, String query) throws SQLException {
    int rows = 0;
    try (ResultSet rs = statement.executeQuery(query)) {
      while (rs.next()) {
        rows++;
      }
    }
    return rows;
  }
}
