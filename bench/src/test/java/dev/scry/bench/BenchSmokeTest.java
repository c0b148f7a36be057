package dev.scry.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench runs end to end with tiny sizes and reports every measure; its figures are not judged here. */
class BenchSmokeTest {
  @TempDir Path work;

  @Test
  void everyMeasureIsReported() throws Exception {
    BenchMain.Settings settings =
        new BenchMain.Settings(2_000, 3_000, 1, 3, 5, null, TestData.root(), Set.of());
    List<BenchResult> results = BenchMain.run(settings, work);
    assertEquals(
        List.of(
            "P1", "P1d", "P2", "P3", "P3b", "P7", "P7b", "P7c", "P4", "P4b", "P5", "P9", "P11",
            "P10a", "P10b", "P6"),
        results.stream().map(BenchResult::id).toList());
    String table = BenchReport.table(results);
    assertTrue(table.contains("| P1 | PREDICT throughput (rf_iris"), table);
    for (BenchResult result : results) {
      assertTrue(!result.scry().isBlank(), "a figure for " + result.id());
    }
  }

  /** The reactor packages jdbc-driver before the bench's tests, so the smoke run uses the real jar. */
  @Test
  void clientIsTheShadedScryDriverWhenItsJarIsBuilt() throws Exception {
    Path jar = BenchClient.configuredJar();
    assertTrue(
        jar != null && Files.isRegularFile(jar), "scry-jdbc jar built before the bench: " + jar);
    try (BenchClient client = BenchClient.locate(jar)) {
      assertTrue(client.isScryDriver(), client.describe());
    }
  }

  @Test
  void missingDriverJarFallsBackToAvaticasDriverAndSaysWhy() throws Exception {
    try (BenchClient client = BenchClient.locate(work.resolve("no-such-scry-jdbc.jar"))) {
      assertTrue(!client.isScryDriver());
      assertTrue(
          client.describe().contains("not found at " + work.resolve("no-such-scry-jdbc.jar")),
          client.describe());
    }
  }
}
