package dev.scry.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.scry.gateway.metrics.PrometheusText;
import dev.scry.gateway.session.StatementObserver;
import dev.scry.testing.TestData;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain statement run again with the same text uses its kept plan (counted by {@code
 * scry_plans_reused_total}) and still sees what changed: a moved alias, a new model version, new files
 * of a table (the scan's listing cache is off here), and a session setting; a partitioned table's plan is
 * never kept, since its folders are pruned while planning.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlanReuseThroughJdbcTest {
  @TempDir static Path work;

  private RunningGateway gateway;
  private Map<Integer, List<Object>> version1;
  private Map<Integer, List<Object>> version2;

  @BeforeAll
  void start() throws SQLException {
    gateway =
        RunningGateway.start(
            work,
            false,
            config ->
                RunningGateway.withSpark(config, Map.of("spark.scry.scan.relationCacheTtl", "0")),
            StatementObserver.NONE);
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      AliasedIris.register(statement);
      version1 = AliasedIris.tableFunctionScores(statement, "iris2:1");
      version2 = AliasedIris.tableFunctionScores(statement, "iris2:2");
    }
    assertNotEquals(version1, version2, "the two versions score differently");
  }

  @AfterAll
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void aRepeatedStatementUsesItsPlanAndStillScoresTheVersionItsAliasNamesNow() throws Exception {
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("SET result_cache = off");
      statement.execute("ALTER MODEL iris2 SET ALIAS live = 1");
      assertEquals(version1, AliasedIris.tableFunctionScores(statement, "iris2@live"));
      long before = reused();
      assertEquals(version1, AliasedIris.tableFunctionScores(statement, "iris2@live"));
      assertEquals(before + 1, reused(), "the second run used the kept plan");
      statement.execute("ALTER MODEL iris2 SET ALIAS live = 2");
      assertEquals(version2, AliasedIris.tableFunctionScores(statement, "iris2@live"));
      assertEquals(before + 1, reused(), "the moved alias made a new catalog: planned again");
      assertEquals(version2, AliasedIris.tableFunctionScores(statement, "iris2@live"));
      assertEquals(before + 2, reused());
    }
  }

  @Test
  void aNewModelVersionIsScoredByTheRepeatedStatement() throws Exception {
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("SET result_cache = off");
      statement.execute(
          "CREATE MODEL iris_next FROM '"
              + TestData.uri(TestData.model("skl2onnx_onnxmltools_lightgbm_iris2.onnx"))
              + "'");
      assertEquals(version1, AliasedIris.tableFunctionScores(statement, "iris_next"));
      assertEquals(version1, AliasedIris.tableFunctionScores(statement, "iris_next"));
      long before = reused();
      statement.execute(
          "CREATE OR REPLACE MODEL iris_next FROM '"
              + TestData.uri(TestData.model("skl2onnx_onnxmltools_xgboost_iris2.onnx"))
              + "'");
      assertEquals(version2, AliasedIris.tableFunctionScores(statement, "iris_next"));
      assertEquals(before, reused(), "a new version: planned again");
    }
  }

  @Test
  void newFilesAndASessionSettingAreSeenAndPartitionedTablesArePlannedEachTime() throws Exception {
    Path table = work.resolve("growing");
    gateway.spark().range(0, 10, 1, 1).write().parquet(table.toString());
    Path parts = work.resolve("parted");
    gateway
        .spark()
        .range(0, 10, 1, 1)
        .selectExpr("id", "CAST(id % 2 AS INT) AS part")
        .write()
        .partitionBy("part")
        .parquet(parts.toString());
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("SET result_cache = off");
      statement.execute(
          "CREATE EXTERNAL TABLE growing STORED AS PARQUET LOCATION '" + TestData.uri(table) + "'");
      statement.execute(
          "CREATE EXTERNAL TABLE parted STORED AS PARQUET LOCATION '"
              + TestData.uri(parts)
              + "' PARTITIONED BY (part)");
      String count = "SELECT count(*) FROM growing";
      assertEquals(10, single(statement, count));
      long before = reused();
      gateway.spark().range(10, 25, 1, 1).write().mode("append").parquet(table.toString());
      assertEquals(25, single(statement, count), "the new file is read");
      assertEquals(before + 1, reused(), "with the kept plan");
      statement.execute("SET predict.batch_size = 64");
      assertEquals(25, single(statement, count));
      assertEquals(before + 1, reused(), "another session setting: planned again");
      String parted = "SELECT count(*) FROM parted WHERE part = 1";
      assertEquals(5, single(statement, parted));
      assertEquals(5, single(statement, parted));
      assertEquals(before + 1, reused(), "a partitioned table's plan is not kept");
    }
  }

  private static long single(Statement statement, String sql) throws SQLException {
    try (ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private long reused() throws Exception {
    PrometheusText metrics = PrometheusText.scrape(gateway.port());
    if (!metrics.has("scry_plans_reused_total")) {
      throw new AssertionError("no scry_plans_reused_total in /metrics");
    }
    return (long) metrics.value("scry_plans_reused_total", Map.of());
  }
}
