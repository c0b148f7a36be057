package dev.scry.gateway.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkDeploymentTest {
  @TempDir Path dir;

  @Test
  void localModeShipsNothing() {
    Map<String, String> conf = Map.of("spark.sql.shuffle.partitions", "2");
    for (String master : List.of("local", "local[2]", "local[*]")) {
      assertEquals(
          conf,
          SparkDeployment.settings(master, conf, Map.of(), List.of(dir.resolve("engine.jar"))));
    }
  }

  @Test
  void clusterMastersShipTheEngineJarsAfterTheConfiguredOnes() {
    Path engine = dir.resolve("scry-engine-spark.jar");
    Map<String, String> settings =
        SparkDeployment.settings(
            "spark://master:7077",
            Map.of("spark.jars", "file:///opt/udfs.jar", "spark.executor.memory", "2g"),
            Map.of(),
            List.of(engine));
    assertEquals("file:///opt/udfs.jar," + engine.toUri(), settings.get("spark.jars"));
    assertEquals("2g", settings.get("spark.executor.memory"));
    assertEquals(
        engine.toUri().toString(),
        SparkDeployment.settings(
                "k8s://https://api:6443", Map.of(), Map.of(), List.of(engine, engine))
            .get("spark.jars"));
  }

  @Test
  void localClusterNeedsASparkHomeWithJars() throws Exception {
    IllegalStateException unset =
        assertThrows(
            IllegalStateException.class,
            () ->
                SparkDeployment.settings("local-cluster[2,1,1024]", Map.of(), Map.of(), List.of()));
    assertTrue(unset.getMessage().contains("SPARK_HOME is not set"), unset.getMessage());
    assertTrue(unset.getMessage().contains("local-cluster[2,1,1024]"), unset.getMessage());

    IllegalStateException empty =
        assertThrows(
            IllegalStateException.class,
            () ->
                SparkDeployment.settings(
                    "local-cluster[2,1,1024]",
                    Map.of(),
                    Map.of("SPARK_HOME", dir.toString()),
                    List.of()));
    assertTrue(empty.getMessage().contains("has no jars folder"), empty.getMessage());

    Files.createDirectories(dir.resolve("jars"));
    assertEquals(
        Map.of(),
        SparkDeployment.settings(
            "local-cluster[2,1,1024]", Map.of(), Map.of("SPARK_HOME", dir.toString()), List.of()));
  }
}
