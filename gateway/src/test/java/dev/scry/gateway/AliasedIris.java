package dev.scry.gateway;

import dev.scry.testing.TestData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the model alias tests share: the iris table and a model {@code iris2} with two versions of one
 * signature (1: LightGBM, 2: XGBoost, both on the two sepal measurements), and their scores read by
 * row.
 */
final class AliasedIris {
  /** The table-function form over the two sepal measurements, with the model left to fill in. */
  static final String TABLE_FUNCTION =
      """
      SELECT * FROM PREDICT(MODEL => '%s',
        DATA => (SELECT "_index_", ARRAY[Sepal_Length, Sepal_Width] AS input FROM iris))""";

  private AliasedIris() {}

  static void register(Statement statement) throws SQLException {
    statement.execute(
        "CREATE EXTERNAL TABLE iris STORED AS CSV LOCATION '"
            + TestData.uri(TestData.data("iris.csv"))
            + "' OPTIONS (header 'true')");
    statement.execute(
        "CREATE MODEL iris2 FROM '"
            + TestData.uri(TestData.model("skl2onnx_onnxmltools_lightgbm_iris2.onnx"))
            + "'");
    statement.execute(
        "CREATE OR REPLACE MODEL iris2 FROM '"
            + TestData.uri(TestData.model("skl2onnx_onnxmltools_xgboost_iris2.onnx"))
            + "'");
  }

  /** The table function's output columns for each row, by {@code _index_}. */
  static Map<Integer, List<Object>> tableFunctionScores(Statement statement, String model)
      throws SQLException {
    return byIndex(statement, TABLE_FUNCTION.formatted(model), 3);
  }

  /**
   * The rows of {@code sql}, whose first column is {@code _index_}: the values from column {@code
   * from} on, read with getObject, by index.
   */
  static Map<Integer, List<Object>> byIndex(Statement statement, String sql, int from)
      throws SQLException {
    Map<Integer, List<Object>> rows = new TreeMap<>();
    try (ResultSet rs = statement.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> values = new ArrayList<>();
        for (int i = from; i <= columns; i++) {
          values.add(rs.getObject(i));
        }
        rows.put(((Number) rs.getObject(1)).intValue(), values);
      }
    }
    return rows;
  }
}
