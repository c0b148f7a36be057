package dev.scry.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.testing.TestData;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./scry serve} with {@code spark.master: local-cluster[2,1,1024]}: Spark starts two executors as
 * JVMs of their own from the Spark home the launcher sets, and PREDICT is scored there.
 */
class LocalClusterServeIT {
  @TempDir Path work;

  @Test
  void localClusterMasterScoresOnExecutorJvms() throws Exception {
    String config =
        """
        server:
          host: 127.0.0.1
          port: 0
        storage:
          - name: testdata
            root: %s
        warehouse: %s
        spark:
          master: local-cluster[2,1,1024]
          conf:
            spark.sql.shuffle.partitions: "2"
        demo: false
        """
            .formatted(TestData.root(), work.resolve("warehouse"));
    try (ScryServe gateway = ScryServe.start(work, config)) {
      try (Connection connection = gateway.connect();
          Statement statement = connection.createStatement()) {
        statement.execute(
            "CREATE EXTERNAL TABLE iris STORED AS CSV LOCATION '"
                + TestData.uri(TestData.data("iris.csv"))
                + "' OPTIONS (header 'true')");
        statement.execute(
            "CREATE MODEL iris_rf FROM '"
                + TestData.uri(TestData.model("skl2onnx_rf_iris.onnx"))
                + "'");
        Map<String, Long> classes = Map.of("setosa", 0L, "versicolor", 1L, "virginica", 2L);
        int rows = 0;
        int agreeing = 0;
        try (ResultSet rs =
            statement.executeQuery(
                """
            /* iris on local-cluster */ SELECT Species, output_label
            FROM PREDICT(MODEL => 'iris_rf',
              DATA => (SELECT Species, ARRAY[Sepal_Length, Sepal_Width, Petal_Length, Petal_Width] AS float_input
                       FROM iris))""")) {
          while (rs.next()) {
            rows++;
            if (classes.get(rs.getString(1)) == rs.getLong(2)) {
              agreeing++;
            }
          }
        }
        assertEquals(150, rows);
        assertTrue(agreeing >= 147, "labels agreeing with Species: " + agreeing);
      }
      ScryServe.StatementLog log = gateway.awaitStatement("/* iris on local-cluster */");
      assertFalse(log.executors().isEmpty(), log.toString());
      assertFalse(
          log.executors().contains("driver"), "scored in executor JVMs, not the driver: " + log);
    }
  }
}
