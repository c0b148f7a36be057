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
        new BenchMain.Settings(
            2_000, List.of(3_000L, 4_000L), 1, 3, 5, null, TestData.root(), Set.of());
    List<BenchResult> results = BenchMain.run(settings, work);
    assertEquals(
        List.of(
            "P1-3k", "P1-4k", "P1d", "P8", "P2", "P3", "P3b", "P7", "P7b", "P7c", "P4", "P4b", "P5",
            "P9", "P11", "P10a", "P10b", "P6"),
        results.stream().map(BenchResult::id).toList());
    String table = BenchReport.table(results);
    assertTrue(table.contains("| P1-3k | PREDICT throughput (rf_iris, 3,000 rows"), table);
    assertTrue(table.contains("| P1-4k | PREDICT throughput (rf_iris, 4,000 rows"), table);
    assertTrue(
        table.contains("| P8 | PREDICT throughput on local-cluster[2,1,1024] ÷ on local[2]"),
        table);
    for (BenchResult result : results) {
      assertTrue(!result.scry().isBlank(), "a figure for " + result.id());
    }
  }

  /** P1's sizes: 100k, 1M and 10M rows; --quick keeps the two smaller; the main table is 1M. */
  @Test
  void predictSizesFollowTheOptions() {
    BenchMain.Settings full = BenchMain.parse(new String[0]);
    assertEquals(List.of(100_000L, 1_000_000L, 10_000_000L), full.predictSizes());
    assertEquals(1_000_000L, full.predictRows());
    assertEquals(
        List.of(100_000L, 1_000_000L), BenchMain.parse(new String[] {"--quick"}).predictSizes());
    BenchMain.Settings chosen = BenchMain.parse(new String[] {"--predict-rows", "5000,20000000"});
    assertEquals(List.of(5_000L, 20_000_000L), chosen.predictSizes());
    assertEquals(5_000L, chosen.predictRows());
    assertEquals("100k", PredictThroughput.label(100_000));
    assertEquals("10M", PredictThroughput.label(10_000_000));
    assertEquals("1500", PredictThroughput.label(1_500));
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
