package dev.scry.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.scry.gateway.config.ScryConfig;
import dev.scry.gateway.session.StatementObserver;
import dev.scry.testing.TestData;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.spark.JobExecutionStatus;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.SparkStatusTracker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import scala.Option;

/**
 * Many clients at once against one gateway: the same statements give the same answers whatever runs
 * beside them, and a long query holds up neither catalog browsing nor other clients' short queries.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentClientsTest {
  private static final int CLIENTS = 16;
  private static final int STATEMENTS_PER_CLIENT = 20;
  private static final int NUMBER_FILES = 64;
  private static final int SHORT_CLIENTS = 4;

  /** Ten rows joined with themselves ten times: 10^10 combinations, hours of work for Spark. */
  private static final String SLOW_QUERY = slowQuery(10);

  @TempDir static Path work;

  private RunningGateway gateway;

  @BeforeAll
  void start() throws SQLException {
    // One partition per file of the numbers table: a query over it is many short tasks.
    gateway =
        RunningGateway.start(
            work,
            false,
            config -> {
              Map<String, String> conf = new HashMap<>(config.spark().conf());
              conf.put("spark.sql.files.minPartitionNum", Integer.toString(NUMBER_FILES));
              // VALUES become one partition, so the slow query's scan is a single task that holds
              // one of the two
              // cores: Spark never preempts a running task, so a slow query whose hours-long tasks
              // held every
              // core would hold up everything (FAIR scheduling shares cores only at task
              // boundaries).
              conf.put("spark.default.parallelism", "1");
              return new ScryConfig(
                  config.server(),
                  config.storage(),
                  config.warehouse(),
                  new ScryConfig.SparkConfig(config.spark().master(), conf),
                  false,
                  config.limits());
            },
            StatementObserver.NONE);
    Path numbers = work.resolve("numbers");
    gateway
        .spark()
        .range(0, NUMBER_FILES * 100L, 1, NUMBER_FILES)
        .write()
        .parquet(numbers.toString());
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE EXTERNAL TABLE iris STORED AS CSV LOCATION '"
              + TestData.uri(TestData.data("iris.csv"))
              + "' OPTIONS (header 'true')");
      statement.execute(
          "CREATE EXTERNAL TABLE numbers STORED AS PARQUET LOCATION '"
              + TestData.uri(numbers)
              + "'");
      statement.execute(
          "CREATE MODEL iris_rf FROM '"
              + TestData.uri(TestData.model("skl2onnx_rf_iris.onnx"))
              + "'");
    }
  }

  private static String slowQuery(int copies) {
    StringBuilder from = new StringBuilder();
    StringBuilder sum = new StringBuilder();
    for (int i = 0; i < copies; i++) {
      from.append(i == 0 ? "" : ", ")
          .append("(VALUES 0, 1, 2, 3, 4, 5, 6, 7, 8, 9) AS d")
          .append(i)
          .append("(x)");
      sum.append(i == 0 ? "" : " + ").append("d").append(i).append(".x * ").append(i + 1);
    }
    return "SELECT COUNT(*) FROM " + from + " WHERE MOD(" + sum + ", 7) = 3";
  }

  @AfterAll
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void sixteenClientsTwentyStatementsEachGetTheAnswersOfOneClientAlone() throws Exception {
    List<String> expected;
    try (Connection connection = gateway.connect()) {
      expected = statements(connection);
    }
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<List<String>>> answers = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        answers.add(
            clients.submit(
                () -> {
                  try (Connection connection = gateway.connect()) {
                    return statements(connection);
                  }
                }));
      }
      for (Future<List<String>> answer : answers) {
        assertEquals(expected, answer.get(10, TimeUnit.MINUTES));
      }
    } finally {
      clients.shutdownNow();
    }
  }

  /** Twenty statements of every kind: PREDICT, plain and parameterized queries, catalog browsing. */
  private static List<String> statements(Connection connection) throws SQLException {
    List<String> answers = new ArrayList<>();
    DatabaseMetaData metadata = connection.getMetaData();
    for (int i = 0; i < STATEMENTS_PER_CLIENT; i++) {
      switch (i % 5) {
        case 0 ->
            answers.add(
                query(
                    connection,
                    """
            SELECT output_label, COUNT(*) AS n
            FROM PREDICT(MODEL => 'iris_rf',
              DATA => (SELECT ARRAY[Sepal_Length, Sepal_Width, Petal_Length, Petal_Width] AS float_input FROM iris))
            GROUP BY output_label ORDER BY output_label"""));
        case 1 ->
            answers.add(
                query(
                    connection,
                    "SELECT Species, COUNT(*), SUM(Petal_Length) FROM iris GROUP BY Species ORDER BY Species"));
        case 2 ->
            answers.add(
                rows(
                    metadata.getColumns(null, "default", "iris", null),
                    "COLUMN_NAME",
                    "TYPE_NAME"));
        case 3 -> {
          try (PreparedStatement statement =
              connection.prepareStatement("SELECT COUNT(*) FROM iris WHERE Sepal_Length > ?")) {
            statement.setDouble(1, 4.5 + i / 10.0);
            try (ResultSet rs = statement.executeQuery()) {
              answers.add(rows(rs));
            }
          }
        }
        default ->
            answers.add(
                rows(metadata.getTables(null, "default", "%", null), "TABLE_NAME", "TABLE_TYPE"));
      }
    }
    return answers;
  }

  /**
   * A query that cannot finish within the test (10^10 combinations) is seen running on the gateway,
   * through its statement's Spark job group; then other clients' short queries and catalog browsing
   * all complete; then the slow query is cancelled and fails as cancelled, which proves it was still
   * running when the others were done. Nothing here depends on how fast the machine is.
   */
  @Test
  void aSlowQueryBlocksNeitherMetadataNorOtherClientsShortQueries() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(1 + SHORT_CLIENTS);
    try (Connection slowConnection = gateway.connect();
        Statement slow = slowConnection.createStatement()) {
      Meta.StatementHandle handle = slow.unwrap(AvaticaStatement.class).handle;
      // The first execution of a statement runs in job group scry-<connection>-<statement>-1.
      String jobGroup = "scry-" + handle.connectionId + "-" + handle.id + "-1";
      Future<String> slowAnswer =
          pool.submit(
              () -> {
                try (ResultSet rs = slow.executeQuery(SLOW_QUERY)) {
                  return rows(rs);
                }
              });
      awaitRunningJob(jobGroup, slowAnswer);

      List<Future<String>> shortAnswers = new ArrayList<>();
      for (int i = 0; i < SHORT_CLIENTS; i++) {
        shortAnswers.add(
            pool.submit(
                () -> {
                  try (Connection connection = gateway.connect()) {
                    DatabaseMetaData metadata = connection.getMetaData();
                    return query(connection, "SELECT COUNT(*) FROM iris WHERE Species = 'setosa'")
                        + " "
                        + rows(metadata.getTables(null, "default", "%", null), "TABLE_NAME")
                        + " "
                        + rows(
                            metadata.getColumns(null, "default", "iris", "Species"), "COLUMN_NAME")
                        + " "
                        + query(connection, "SELECT COUNT(*) FROM numbers WHERE id < 10");
                  }
                }));
      }
      for (Future<String> answer : shortAnswers) {
        assertEquals("50 iris;numbers Species 10", answer.get(10, TimeUnit.MINUTES));
      }

      assertFalse(slowAnswer.isDone(), "the slow query ended before it was cancelled");
      slow.cancel();
      ExecutionException failure =
          assertThrows(ExecutionException.class, () -> slowAnswer.get(10, TimeUnit.MINUTES));
      assertInstanceOf(SQLException.class, failure.getCause());
      assertTrue(
          failure.getCause().getMessage().contains("cancelled"), failure.getCause().getMessage());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Waits until a Spark job of {@code jobGroup} runs; fails if the query ends first. */
  private void awaitRunningJob(String jobGroup, Future<?> query) throws Exception {
    SparkStatusTracker tracker = gateway.spark().sparkContext().statusTracker();
    while (true) {
      for (int id : tracker.getJobIdsForGroup(jobGroup)) {
        Option<SparkJobInfo> job = tracker.getJobInfo(id);
        if (job.isDefined() && job.get().status() == JobExecutionStatus.RUNNING) {
          return;
        }
      }
      if (query.isDone()) {
        query.get(); // its failure, if it failed
        fail("the slow query ended before a Spark job of group " + jobGroup + " was seen running");
      }
      Thread.sleep(50);
    }
  }

  private static String query(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      return rows(rs);
    }
  }

  /** All rows, values joined with '|' and rows with ';' (all columns unless some are named). */
  private static String rows(ResultSet rs, String... columns) throws SQLException {
    try (rs) {
      StringBuilder text = new StringBuilder();
      int count = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        if (!text.isEmpty()) {
          text.append(';');
        }
        List<String> values = new ArrayList<>();
        if (columns.length == 0) {
          for (int c = 1; c <= count; c++) {
            values.add(rs.getString(c));
          }
        } else {
          for (String column : columns) {
            values.add(rs.getString(column));
          }
        }
        text.append(String.join("|", values));
      }
      return text.toString();
    }
  }
}
