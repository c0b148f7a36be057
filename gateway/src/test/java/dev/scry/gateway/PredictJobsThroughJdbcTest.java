package dev.scry.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.testing.TestTables;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.spark.SparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * How many Spark jobs a PREDICT statement runs, counted from Spark's status tracker by the statement's
 * job group: the bench's P1 shape (a global aggregate over PREDICT) runs as one job, not adaptive
 * execution's two, with the same answer; a GROUP BY over PREDICT keeps adaptive execution.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PredictJobsThroughJdbcTest {
  private static final String AQE_OFF_WHEN_USELESS = "spark.scry.adaptive.skipWhenUseless";
  private static final String SCORED =
      "PREDICT(MODEL => 'iris_rf', DATA => (SELECT Species,"
          + " ARRAY[Sepal_Length, Sepal_Width, Petal_Length, Petal_Width] AS float_input FROM iris))";

  @TempDir static Path work;

  private RunningGateway gateway;

  @BeforeAll
  void startGateway() throws SQLException {
    gateway = RunningGateway.start(work);
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      TestTables.registerIrisAndTitanic(statement);
    }
  }

  @AfterAll
  void stopGateway() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void aGlobalAggregateOverPredictRunsAsOneJob() throws Exception {
    String sql = "SELECT count(*), avg(output_probability_1) FROM " + SCORED;
    Run oneJob = run(sql);
    assertEquals(1, oneJob.jobs(), "the scoring stage and the final aggregate in one job");
    gateway.spark().conf().set(AQE_OFF_WHEN_USELESS, "false");
    Run adaptive;
    try {
      adaptive = run(sql);
    } finally {
      gateway.spark().conf().unset(AQE_OFF_WHEN_USELESS);
    }
    assertEquals(2, adaptive.jobs(), "under adaptive execution the final aggregate is a job");
    assertEquals("150", oneJob.first());
    assertEquals(adaptive.answer(), oneJob.answer());
  }

  @Test
  void aGroupedAggregateOverPredictKeepsAdaptiveExecution() throws Exception {
    Run grouped =
        run("SELECT Species, count(*) FROM " + SCORED + " GROUP BY Species ORDER BY Species");
    assertEquals("setosa", grouped.first());
    assertTrue(grouped.jobs() >= 2, "a job per stage: " + grouped.jobs());
  }

  /** A statement's answer (its rows, one string) and the Spark jobs its execution ran. */
  private record Run(String answer, String first, int jobs) {}

  private Run run(String sql) throws Exception {
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      try (Statement set = connection.createStatement()) {
        set.execute("SET result_cache = off"); // every run computes
      }
      Meta.StatementHandle handle = statement.unwrap(AvaticaStatement.class).handle;
      StringBuilder answer = new StringBuilder();
      String first = null;
      try (ResultSet rs = statement.executeQuery(sql)) {
        while (rs.next()) {
          first = first == null ? rs.getString(1) : first;
          answer.append(rs.getString(1)).append(' ').append(rs.getString(2)).append('\n');
        }
      }
      // The first execution of a statement runs in job group scry-<connection>-<statement>-1.
      String jobGroup = "scry-" + handle.connectionId + "-" + handle.id + "-1";
      SparkContext context = gateway.spark().sparkContext();
      context.listenerBus().waitUntilEmpty(10_000);
      return new Run(
          answer.toString(), first, context.statusTracker().getJobIdsForGroup(jobGroup).length);
    }
  }
}
