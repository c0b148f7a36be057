package dev.scry.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.gateway.config.ScryConfig;
import dev.scry.gateway.avatica.StatementObserver;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many clients at once against one gateway: the same statements give the same answers whatever runs
 * beside them, and a long query holds up neither catalog browsing nor other clients' short queries.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentClientsTest {
  private static final int CLIENTS = 16;
  private static final int STATEMENTS_PER_CLIENT = 20;
  private static final int NUMBER_FILES = 64;

  @TempDir
  static Path work;

  private RunningGateway gateway;

  @BeforeAll
  void start() throws SQLException {
    // One partition per file of the numbers table, so that the long query is many short tasks.
    gateway = RunningGateway.start(work, false, config -> {
      Map<String, String> conf = new HashMap<>(config.spark().conf());
      conf.put("spark.sql.files.minPartitionNum", Integer.toString(NUMBER_FILES));
      return new ScryConfig(config.server(), config.storage(), config.warehouse(),
          new ScryConfig.SparkConfig(config.spark().master(), conf), false, config.limits());
    }, StatementObserver.NONE);
    Path numbers = work.resolve("numbers");
    gateway.spark().range(0, NUMBER_FILES * 100L, 1, NUMBER_FILES).write().parquet(numbers.toString());
    try (Connection connection = gateway.connect(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE EXTERNAL TABLE iris STORED AS CSV LOCATION '"
          + TestData.uri(TestData.data("iris.csv")) + "' OPTIONS (header 'true')");
      statement.execute("CREATE EXTERNAL TABLE numbers STORED AS PARQUET LOCATION '" + TestData.uri(numbers) + "'");
      statement.execute("CREATE MODEL iris_rf FROM '" + TestData.uri(TestData.model("skl2onnx_rf_iris.onnx")) + "'");
    }
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
        answers.add(clients.submit(() -> {
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
        case 0 -> answers.add(query(connection, """
            SELECT output_label, COUNT(*) AS n
            FROM PREDICT(MODEL => 'iris_rf',
              DATA => (SELECT ARRAY[Sepal_Length, Sepal_Width, Petal_Length, Petal_Width] AS float_input FROM iris))
            GROUP BY output_label ORDER BY output_label"""));
        case 1 -> answers.add(query(connection,
            "SELECT Species, COUNT(*), SUM(Petal_Length) FROM iris GROUP BY Species ORDER BY Species"));
        case 2 -> answers.add(rows(metadata.getColumns(null, "default", "iris", null), "COLUMN_NAME", "TYPE_NAME"));
        case 3 -> {
          try (PreparedStatement statement = connection.prepareStatement(
              "SELECT COUNT(*) FROM iris WHERE Sepal_Length > ?")) {
            statement.setDouble(1, 4.5 + i / 10.0);
            try (ResultSet rs = statement.executeQuery()) {
              answers.add(rows(rs));
            }
          }
        }
        default -> answers.add(rows(metadata.getTables(null, "default", "%", null), "TABLE_NAME", "TABLE_TYPE"));
      }
    }
    return answers;
  }

  /**
   * A query of 64 tasks runs while another client browses the catalog and runs a short query: both
   * finish before it does (with FIFO scheduling the short query would wait for all 64 tasks).
   */
  private static String query(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
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
