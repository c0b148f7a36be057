package dev.scry.gateway.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.gateway.RunningGateway;
import dev.scry.gateway.config.ScryConfig;
import dev.scry.gateway.session.StatementObserver;
import dev.scry.gateway.session.StatementRecord;
import dev.scry.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The result cache through the driver: a repeated query gives the same rows without a Spark job, and
 * each part of the key, changed in turn, gives a fresh result (a Spark job, and the new rows where the
 * data changed). The scan listing cache is off here ({@code relationCacheTtl 0}), so a result is kept
 * from its first run; {@code InputStabilityTest} covers the wait when it is on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResultReuseThroughJdbcTest {
  private static final Duration TTL = Duration.ofSeconds(8);

  @TempDir static Path work;

  private RunningGateway gateway;
  private Connection connection;
  private SparkJobCounter jobs;
  private final List<StatementRecord> records = new CopyOnWriteArrayList<>();

  @BeforeAll
  void start() throws Exception {
    gateway =
        RunningGateway.start(
            work,
            false,
            config -> {
              Map<String, String> spark = new HashMap<>(config.spark().conf());
              spark.put("spark.scry.scan.relationCacheTtl", "0");
              return new ScryConfig(
                      config.server(),
                      config.storage(),
                      config.warehouse(),
                      new ScryConfig.SparkConfig(config.spark().master(), spark),
                      config.demo(),
                      config.limits())
                  .withResultCache(
                      new ScryConfig.ResultCacheConfig(
                          true, (int) TTL.toSeconds(), null, null, null));
            },
            new StatementObserver() {
              @Override
              public void statementFinished(StatementRecord record) {
                records.add(record);
              }
            });
    connection = gateway.connect();
    jobs = SparkJobCounter.on(gateway.spark().sparkContext());
    update(
        "CREATE EXTERNAL TABLE iris STORED AS CSV LOCATION '"
            + TestData.uri(TestData.data("iris.csv"))
            + "' OPTIONS (header 'true')");
    update(
        "CREATE MODEL reg FROM '"
            + TestData.uri(TestData.model("onnxmltools_xgboost_regressor.onnx"))
            + "'");
  }

  @AfterAll
  void stop() throws SQLException {
    connection.close();
    gateway.close();
  }

  @Test
  void aRepeatedQueryGivesTheSameRowsWithoutRunningAgain() throws Exception {
    String sql =
        "SELECT Species, count(*) AS n, sum(Sepal_Length) AS s FROM iris GROUP BY Species"
            + " ORDER BY Species";
    List<List<Object>> first = query(sql);
    assertEquals(3, first.size());
    assertFalse(records.get(records.size() - 1).reused());
    List<List<Object>> again = new ArrayList<>();
    assertEquals(0, jobs.jobsDuring(() -> again.addAll(query(sql))));
    assertEquals(first, again);
    // The statement record (statement log, scry.queries) says the rows were reused.
    StatementRecord repeated = records.get(records.size() - 1);
    assertTrue(repeated.reused());
    assertEquals(3, repeated.rows());
  }

  @Test
  void aNewFileInTheFolderAndARewrittenFileGiveFreshResults() throws Exception {
    Path folder = Files.createDirectories(work.resolve("ext"));
    Files.writeString(folder.resolve("a.csv"), "id,v\n1,10\n2,20\n");
    update(
        "CREATE EXTERNAL TABLE ext STORED AS CSV LOCATION '"
            + folder.toUri()
            + "' OPTIONS (header 'true')");
    String sql = "SELECT count(*) AS n, sum(v) AS total FROM ext";
    assertEquals(List.of(List.of(2L, 30L)), query(sql));
    assertEquals(0, jobs.jobsDuring(() -> query(sql)));

    Files.writeString(folder.resolve("b.csv"), "id,v\n3,30\n");
    assertEquals(List.of(List.of(3L, 60L)), query(sql));
    assertEquals(0, jobs.jobsDuring(() -> query(sql)));

    // Same size, new contents and a later modification time: only the time tells them apart.
    Path a = folder.resolve("a.csv");
    FileTime before = Files.getLastModifiedTime(a);
    Files.writeString(a, "id,v\n1,11\n2,21\n");
    Files.setLastModifiedTime(a, FileTime.fromMillis(before.toMillis() + 2_000));
    assertEquals(List.of(List.of(3L, 62L)), query(sql));
  }

  @Test
  void anInsertIntoAManagedTableGivesFreshResults() throws Exception {
    update("CREATE TABLE managed (id BIGINT, v INTEGER) STORED AS PARQUET");
    update("INSERT INTO managed VALUES (1, 5)");
    String sql = "SELECT count(*), sum(v) FROM managed";
    assertEquals(List.of(List.of(1L, 5L)), query(sql));
    assertEquals(0, jobs.jobsDuring(() -> query(sql)));
    update("INSERT INTO managed VALUES (2, 7)");
    assertEquals(List.of(List.of(2L, 12L)), query(sql));
  }

  @Test
  void aNewModelVersionGivesAFreshResult() throws Exception {
    String sql =
        "SELECT sum(PREDICT('reg', Sepal_Length, Sepal_Width, Petal_Length, Petal_Width)) FROM iris";
    List<List<Object>> first = query(sql);
    assertEquals(0, jobs.jobsDuring(() -> query(sql)));
    update(
        "CREATE OR REPLACE MODEL reg FROM '"
            + TestData.uri(TestData.model("onnxmltools_xgboost_regressor.onnx"))
            + "'");
    List<List<Object>> second = new ArrayList<>();
    assertTrue(jobs.jobsDuring(() -> second.addAll(query(sql))) > 0);
    // The same bytes as a new version: scored afresh, to the same sum.
    assertEquals(first, second);
  }

  @Test
  void theTtlEndsAnEntry() throws Exception {
    String sql = "SELECT max(Petal_Width) FROM iris WHERE Species = 'virginica'";
    List<List<Object>> first = query(sql);
    assertEquals(0, jobs.jobsDuring(() -> query(sql)));
    Thread.sleep(TTL.toMillis() + 500);
    List<List<Object>> expired = new ArrayList<>();
    assertTrue(jobs.jobsDuring(() -> expired.addAll(query(sql))) > 0);
    assertEquals(first, expired);
  }

  @Test
  void aSessionCanTurnReuseOff() throws Exception {
    String sql = "SELECT min(Sepal_Width) FROM iris";
    query(sql);
    assertEquals(0, jobs.jobsDuring(() -> query(sql)));
    try (Connection other = gateway.connect()) {
      update(other, "SET result_cache = off");
      assertTrue(jobs.jobsDuring(() -> query(other, sql)) > 0);
      update(other, "SET result_cache = on");
      assertEquals(0, jobs.jobsDuring(() -> query(other, sql)));
    }
    // The first connection never turned it off.
    assertEquals(0, jobs.jobsDuring(() -> query(sql)));
  }

  @Test
  void aQueryThatIsNotDeterministicRunsEveryTime() throws Exception {
    String sql = "SELECT count(*), max(CURRENT_TIMESTAMP) FROM iris";
    query(sql);
    assertTrue(jobs.jobsDuring(() -> query(sql)) > 0);
  }

  private List<List<Object>> query(String sql) throws SQLException {
    return query(connection, sql);
  }

  private static List<List<Object>> query(Connection on, String sql) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (Statement statement = on.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(result.getObject(i));
        }
        rows.add(row);
      }
    }
    assertNotEquals(null, rows);
    return rows;
  }

  private void update(String sql) throws SQLException {
    update(connection, sql);
  }

  private static void update(Connection on, String sql) throws SQLException {
    try (Statement statement = on.createStatement()) {
      statement.execute(sql);
    }
  }
}
