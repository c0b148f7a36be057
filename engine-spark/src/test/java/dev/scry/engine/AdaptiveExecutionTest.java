package dev.scry.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plan adaptive execution cannot improve (a global aggregate) runs as one Spark job, with the same
 * rows as under adaptive execution's two; plans it can improve keep it. Jobs are counted from Spark's
 * status tracker, per job group.
 */
class AdaptiveExecutionTest {
  @TempDir static Path folder;
  static SparkSession spark;
  static QueryFixture fixture;
  static QueryRunner runner;

  @BeforeAll
  static void setUp() {
    spark = TestSpark.session();
    // Four files, so that the scan has more than one partition and the aggregate a real shuffle.
    Dataset<Row> data =
        spark.range(1, 1001).selectExpr("id", "CAST(id % 7 AS INT) AS k").repartition(4);
    fixture = QueryFixture.write(spark, folder, "numbers", data);
    runner = fixture.runner();
  }

  @Test
  void aGlobalAggregateRunsAsOneJobWithTheRowsOfTwo() throws Exception {
    String sql = "SELECT count(*), sum(id), max(k) FROM numbers WHERE id > 10";
    List<String> single = rows(sql, "aqe-global");
    assertEquals(1, jobs("aqe-global"), "one job: the aggregate's two stages in it");
    spark.conf().set(AdaptiveExecution.SETTING, "false");
    try {
      List<String> adaptive = rows(sql, "aqe-global-adaptive");
      assertEquals(
          2, jobs("aqe-global-adaptive"), "under adaptive execution the final stage is a job");
      assertEquals(adaptive, single);
    } finally {
      spark.conf().unset(AdaptiveExecution.SETTING);
    }
    assertEquals(List.of("990 500445 6"), single);
  }

  @Test
  void aGroupedAggregateKeepsAdaptiveExecution() throws Exception {
    List<String> grouped =
        rows("SELECT k, count(*) FROM numbers GROUP BY k ORDER BY k", "aqe-grouped");
    assertEquals(7, grouped.size());
    assertEquals("0 142", grouped.get(0));
    assertTrue(jobs("aqe-grouped") >= 2, "adaptive execution runs a job per stage");
  }

  @Test
  void theSessionWithoutAdaptiveExecutionHasTheGatewaySessionsSettings() throws Exception {
    AdaptiveExecution adaptive = new AdaptiveExecution(spark);
    RelNode plan = plan("SELECT count(*) FROM numbers");
    String partitions = spark.conf().get("spark.sql.shuffle.partitions");
    spark.conf().set("spark.sql.shuffle.partitions", "3");
    spark.conf().set("spark.scry.test.marker", "one");
    try {
      SparkSession planning =
          adaptive.forExecution(plan, runner.toDataset(plan, List.of())).sparkSession();
      assertNotSame(spark, planning);
      assertEquals("false", planning.conf().get("spark.sql.adaptive.enabled"));
      assertEquals("3", planning.conf().get("spark.sql.shuffle.partitions"));
      assertEquals("one", planning.conf().get("spark.scry.test.marker"));
    } finally {
      spark.conf().set("spark.sql.shuffle.partitions", partitions);
      spark.conf().unset("spark.scry.test.marker");
    }
    SparkSession later =
        adaptive.forExecution(plan, runner.toDataset(plan, List.of())).sparkSession();
    assertEquals(partitions, later.conf().get("spark.sql.shuffle.partitions"));
    assertFalse(later.conf().contains("spark.scry.test.marker"), "a setting unset is unset there");
    assertEquals("true", spark.conf().get("spark.sql.adaptive.enabled"), "the gateway's keeps AQE");
  }

  @Test
  void onlyPlansWithoutJoinsGroupingOrderAndWithAGatheringShuffleQualify() throws Exception {
    assertTrue(AdaptiveExecution.nothingToAdapt(plan("SELECT count(*) FROM numbers")));
    assertTrue(
        AdaptiveExecution.nothingToAdapt(
            plan("SELECT sum(id) FROM numbers WHERE k = 3 UNION ALL SELECT 1 FROM numbers")));
    assertFalse(AdaptiveExecution.nothingToAdapt(plan("SELECT id FROM numbers")), "no shuffle");
    assertFalse(
        AdaptiveExecution.nothingToAdapt(plan("SELECT k, count(*) FROM numbers GROUP BY k")));
    assertFalse(AdaptiveExecution.nothingToAdapt(plan("SELECT count(DISTINCT k) FROM numbers")));
    assertFalse(
        AdaptiveExecution.nothingToAdapt(
            plan("SELECT count(*) FROM (SELECT id FROM numbers ORDER BY id LIMIT 5)")));
    assertFalse(
        AdaptiveExecution.nothingToAdapt(
            plan("SELECT count(*) FROM numbers a JOIN numbers b ON a.id = b.k")));
    assertFalse(
        AdaptiveExecution.nothingToAdapt(
            plan(
                "SELECT max(r) FROM (SELECT row_number() OVER (PARTITION BY k ORDER BY id) r FROM numbers)")));
  }

  private static List<String> rows(String sql, String group) throws Exception {
    List<String> rows = new ArrayList<>();
    try (ResultCursor cursor = runner.execute(plan(sql), List.of(), group, sql)) {
      while (cursor.hasNext()) {
        Object[] row = cursor.next();
        rows.add(String.join(" ", Arrays.stream(row).map(String::valueOf).toList()));
      }
    }
    return rows;
  }

  /** The jobs Spark ran in {@code group}, once its listener bus has delivered their events. */
  private static int jobs(String group) throws Exception {
    spark.sparkContext().listenerBus().waitUntilEmpty(10_000);
    return spark.sparkContext().statusTracker().getJobIdsForGroup(group).length;
  }

  static RelNode plan(String sql) throws Exception {
    return fixture.plan(sql);
  }
}
