package dev.scry.gateway.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.gateway.RunningGateway;
import dev.scry.testing.ResultRows;
import dev.scry.testing.TpchData;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The 22 TPC-H queries at scale factor 0.01, through the Scry driver, against Spark's own answer to the
 * same SQL text over the same Parquet files: the same rows in the same order, numbers to 1e-9 relative.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TpchQueriesTest {
  private static final double SCALE_FACTOR = 0.01;
  private static final double RELATIVE = 1e-9;

  @TempDir static Path work;

  private RunningGateway gateway;
  private Connection connection;
  private SparkSession sparkSql;

  @BeforeAll
  void generateAndRegister() throws SQLException {
    gateway = RunningGateway.start(work);
    // The gateway runs Spark in this JVM; the test's own session shares its context, not its views.
    SparkSession spark = SparkSession.builder().getOrCreate();
    Path folder = work.resolve("tpch");
    List<String> tables = TpchData.write(spark, SCALE_FACTOR, folder);
    sparkSql = spark.newSession();
    connection = gateway.connect();
    try (Statement statement = connection.createStatement()) {
      for (String table : tables) {
        String location = TpchData.location(folder, table).toUri().toString();
        statement.execute(
            "CREATE EXTERNAL TABLE " + table + " STORED AS PARQUET LOCATION '" + location + "'");
        sparkSql.read().parquet(location).createOrReplaceTempView(table);
      }
    }
  }

  @AfterAll
  void stop() throws SQLException {
    if (connection != null) {
      connection.close();
    }
    if (gateway != null) {
      gateway.close();
    }
  }

  @ParameterizedTest(name = "Q{0}")
  @ValueSource(
      ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22})
  void queryMatchesSpark(int number) throws Exception {
    String sql = TpchData.query(number);
    List<List<Object>> expected =
        ResultRows.normal(ResultRows.ofSpark(sparkSql.sql(sql).collectAsList()));
    List<List<Object>> actual = ResultRows.normal(ResultRows.query(connection, sql));
    assertFalse(expected.isEmpty() && number != 15, "Spark returned no rows for Q" + number);
    assertEquals(expected.size(), actual.size(), "row count of Q" + number);
    for (int r = 0; r < expected.size(); r++) {
      List<Object> want = expected.get(r);
      List<Object> got = actual.get(r);
      assertEquals(want.size(), got.size(), "columns of Q" + number);
      for (int c = 0; c < want.size(); c++) {
        Object w = want.get(c);
        Object g = got.get(c);
        assertTrue(
            ResultRows.same(w, g, RELATIVE),
            "Q"
                + number
                + " row "
                + (r + 1)
                + " column "
                + (c + 1)
                + ": expected "
                + w
                + " but got "
                + g);
      }
    }
  }
}
