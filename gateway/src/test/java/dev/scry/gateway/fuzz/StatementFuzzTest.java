package dev.scry.gateway.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.scry.gateway.RunningGateway;
import dev.scry.gateway.fuzz.StatementGenerator.FuzzStatement;
import dev.scry.gateway.sql.ScriptTables;
import dev.scry.testing.TestData;
import dev.scry.testing.TestTables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #12, "no internal failure reaches a client": thousands of generated and mutated statements
 * (queries, the three forms of PREDICT, catalog statements) go through the Scry driver to a running
 * gateway; each either succeeds or fails with an SQLException that has a meaningful SQLSTATE and a
 * message without Java in it. No statement may hang, and the gateway answers afterwards.
 *
 * <p>Reproducible: statement i of a seed is always the same text. Properties: {@code scry.fuzz.seed}
 * (default {@value #DEFAULT_SEED}), {@code scry.fuzz.statements} (default {@value #DEFAULT_STATEMENTS}),
 * {@code scry.fuzz.report=true} to print the offenders grouped by failure instead of failing on them
 * (hangs and a dead gateway still fail). The report is also written to {@code target/fuzz/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatementFuzzTest {
  private static final long DEFAULT_SEED = 12;
  private static final int DEFAULT_STATEMENTS = 5_000;
  private static final int QUERY_TIMEOUT_SECONDS = 20;

  /** How long past its query timeout a statement may go unanswered before it counts as a hang. */
  private static final Duration HANG_AFTER = Duration.ofSeconds(30);

  /** The whole run's limit: far above its usual time, so that only something stuck trips it. */
  private static final Duration WATCHDOG = Duration.ofMinutes(8);

  private static final int LISTED = 20;

  @TempDir static Path work;

  private RunningGateway gateway;
  private DdlGenerator.Locations locations;

  @BeforeAll
  void start() throws SQLException, IOException {
    gateway = RunningGateway.start(work);
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      ScriptTables.create(gateway.spark(), connection, work.resolve("tables"));
      TestTables.registerIrisAndTitanic(statement);
    }
    locations =
        new DdlGenerator.Locations(
            TestData.uri(TestData.data("iris.csv")),
            TestData.uri(TestData.model("skl2onnx_rf_iris.onnx")),
            TestData.uri(TestData.model("skl2onnx_titanic_pipeline_nozipmap.onnx")),
            TestData.uri(Files.createDirectories(work.resolve("scratch"))));
  }

  @AfterAll
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void noInternalFailureReachesAClient() throws SQLException, IOException {
    long seed = Long.getLong("scry.fuzz.seed", DEFAULT_SEED);
    int count = Integer.getInteger("scry.fuzz.statements", DEFAULT_STATEMENTS);
    boolean reportOnly = Boolean.getBoolean("scry.fuzz.report");
    StatementGenerator generator = new StatementGenerator(seed, locations);
    FuzzReport report = new FuzzReport(seed);

    long started = System.nanoTime();
    long deadline = started + WATCHDOG.toNanos();
    int sent = 0;
    try (Connection connection = gateway.connect();
        FuzzRunner runner = new FuzzRunner(connection, QUERY_TIMEOUT_SECONDS, HANG_AFTER, seed)) {
      while (sent < count && report.hangs() == 0 && System.nanoTime() < deadline) {
        FuzzStatement statement = generator.statement(sent++);
        long before = System.nanoTime();
        FuzzRunner.Outcome outcome = runner.run(statement);
        report.record(statement, outcome, (System.nanoTime() - before) / 1_000_000);
      }
      int statements = sent;
      String summary =
          report.summary(statements, Duration.ofNanos(System.nanoTime() - started).toMillis());
      String listing = report.listing(LISTED);
      System.out.println(summary + "\n" + (reportOnly ? report.grouped(3) : listing));
      write(
          seed,
          summary
              + "\n\nGrouped:\n"
              + report.grouped(3)
              + "\nFirst offenders:\n"
              + listing
              + "\nInternal failures:\n"
              + report.internals(500));

      assertEquals(0, report.hangs(), () -> "statements hung:\n" + listing);
      assertEquals(
          count,
          statements,
          () ->
              "the watchdog stopped the run after " + statements + " of " + count + " statements");
      // The fuzz's own connection and a new one still answer.
      assertEquals(150, countIris(connection), "the fuzz connection answers after the run");
      try (Connection fresh = gateway.connect()) {
        assertEquals(150, countIris(fresh), "a new connection answers after the run");
      }
      if (!reportOnly && !report.offenders().isEmpty()) {
        fail(
            summary
                + "\nReproduce with -Dscry.fuzz.seed="
                + seed
                + "; the first offenders:\n"
                + listing);
      }
    }
  }

  /**
   * Statements the fuzz found failing inside the gateway (AssertionError, NullPointerException …), each
   * with what its error says now, or null when it now succeeds.
   */
  @Test
  void failuresTheFuzzFoundAreUserErrors() throws SQLException {
    Map<String, String> found = new LinkedHashMap<>();
    found.put(
        "SELECT * FROM PREDICT(MODEL || 'iris_rf', DATA => TABLE iris)",
        "At line 1, column 23: PREDICT's arguments are all named or all positional");
    found.put(
        "SELECT * FROM TABLE(PREDICT(MODEL => 'iris_rf', DATA ^ (SELECT 1 AS x)))",
        "At line 1, column 49: PREDICT's arguments are all named or all positional");
    found.put(
        "SELECT * FROM PREDICT(MODEL => 99999999999999999999999999999999999999999, DATA => TABLE iris)",
        "At line 1, column 32: MODEL takes a string");
    found.put("SELECT * FROM PREDICT(MODEL => TRUE, DATA => TABLE iris)", "MODEL takes a string");
    found.put(
        "SELECT * FROM PREDICT(MODEL => 'iris_rf', DATA => EXISTS (SELECT 1 FROM iris))",
        "At line 1, column 51: DATA takes a table (DATA => TABLE t) or a query");
    found.put(
        "SELECT * FROM PREDICT(MODEL => 'iris_rf', DATA => TABLE iris, SIZE => 2)",
        "PREDICT has no argument named SIZE");
    found.put("SELECT * FROM PREDICT(MODEL => 'iris_rf')", "PREDICT needs DATA");
    found.put("SELECT name FROM emp WHERE NOT name NOT LIKE NULL", null);
    found.put("SELECT COUNT(*) FROM emp WHERE name LIKE CAST(NULL AS VARCHAR) OR empno = 1", null);
    found.put(
        "CREATE MODEL fz_found FROM '" + locations.irisModel() + "' WITH (batch_size = 'x')",
        "batch_size must be a positive integer at line 1, column");
    found.put(
        "CREATE MODEL fz_found FROM '" + locations.irisModel() + "' WITH (batch_size = 2.5)",
        "batch_size must be a positive integer");
    found.put(
        "CREATE MODEL fz_found FROM '" + locations.irisModel() + "' WITH (description = 42)",
        "description must be a string");
    found.put(
        "SELECT Species, ROW_NUMBER() OVER (PARTITION BY Species ORDER BY EXISTS Sepal_Length DESC) FROM iris",
        "At line 1, column 73: EXISTS takes a sub-query in parentheses");
    found.put("SELECT EXISTS 1", "EXISTS takes a sub-query");
    found.put(
        "SELECT name FROM emp FETCH FIRST 1e400 ROWS ONLY",
        "At line 1, column 34: FETCH takes a whole number from 0 to 2147483647");
    found.put("SELECT name FROM emp ORDER BY name OFFSET 2.5 ROWS", "OFFSET takes a whole number");
    found.put(
        "SELECT name FROM emp ORDER BY ? DESC",
        "At line 1, column 31: the type of this parameter (?) cannot be inferred");
    found.put(
        "SELECT name, SUM(salary) OVER w FROM emp WINDOW w AS (PARTITION BY ? ORDER BY empno)",
        "At line 1, column 68: the type of this parameter (?) cannot be inferred");
    found.put(
        "SELECT ARRAY[NULLIF(dbl, ?), dbl] IS NULL FROM alltypes",
        "the type of this parameter (?)");
    found.put(
        "SELECT name FROM emp WHERE ? IN (1, 2, NULL)",
        "At line 1, column 28: the type of this parameter");
    found.put(
        "SELECT * FROM alltypes AS t WHERE (t.i, t.v)",
        "At line 1, column 35: WHERE takes a condition");
    found.put(
        "SELECT * FROM emp AS e JOIN dept AS d ON (e.deptno, d.deptno)", "ON takes a condition");
    found.put(
        "SELECT d * CAST(-3 AS INTEGER), d / CAST(CAST(3 AS SMALLINT) AS BIGINT) FROM alltypes",
        null);
    found.put(
        "SELECT dname, AVG(deptno) OVER (ORDER BY deptno ROWS BETWEEN X'0F' PRECEDING AND CURRENT ROW) FROM dept",
        "whole-number constant window frame offsets");
    found.put("SELECT * FROM dept WHERE CAST(NULL AS BOOLEAN)", null);
    found.put("SELECT COUNT(*) FROM emp AS e LEFT JOIN dept AS d ON CAST(NULL AS BOOLEAN)", null);
    found.put(
        "SELECT COUNT(*) FROM iris"
            + " WHERE PREDICT('iris_rf', Sepal_Length, Sepal_Width, Petal_Length, Petal_Width) = 1",
        "PREDICT('model', …) scores in a SELECT list, not in WHERE or HAVING");
    found.put(
        "SELECT DISTINCT 1 AS a, 'x' AS b, EXISTS (SELECT 1 FROM emp AS e WHERE e.deptno = d.deptno) AS c"
            + " FROM dept AS d",
        null);
    found.put(
        "SELECT DISTINCT 1 AS a, EXISTS (SELECT 1 FROM emp AS e WHERE e.deptno = d.deptno) AS c, 'x' AS b"
            + " FROM dept AS d",
        null);
    found.put(
        "SELECT COALESCE(CAST(NULL AS INTEGER), '7'), COALESCE(CAST(NULL AS DATE), '2020-01-01') FROM dept",
        null);
    found.put(
        "SET no_such_setting = NULL", "a setting takes a value; RESET no_such_setting clears it");
    found.put(
        "SELECT COUNT(*) OVER (ORDER BY dname ROWS BETWEEN (VALUES 1) PRECEDING AND CURRENT ROW) FROM dept",
        "At line 1, column 51: a window frame offset is a constant number, not a sub-query");
    found.put(
        "SELECT CASE WHEN empno > 1, 0 THEN 'yes' ELSE 'no' END FROM emp",
        "At line 1, column 18: CASE WHEN takes one condition");
    found.put("SELECT CASE empno WHEN 1, 2 THEN 'yes' ELSE 'no' END FROM emp", null);
    found.put(
        "SELECT dname FROM dept ORDER BY MULTISET[1]",
        "At line 1, column 33: MULTISET values are not supported");
    found.put(
        "CREATE SCHEMA x.y.z", "Schema names have one part, not x.y.z (at line 1, column 15)");
    found.put("SHOW TABLES IN a.b", "Schema names have one part");
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      for (Map.Entry<String, String> entry : found.entrySet()) {
        String sql = entry.getKey();
        if (entry.getValue() == null) {
          statement.execute(sql);
          continue;
        }
        SQLException error = assertThrows(SQLException.class, () -> statement.execute(sql), sql);
        String text =
            ErrorContract.messages(error, sql) + String.join("\n", ServerTraces.exceptions(error));
        assertTrue(text.contains(entry.getValue()), sql + " gave: " + text);
        assertFalse(ErrorContract.isInternal(text), sql + " failed inside the gateway: " + text);
      }
      try (PreparedStatement nullBound =
          connection.prepareStatement("SELECT COUNT(*) FROM emp WHERE mgr = ?")) {
        nullBound.setNull(1, Types.INTEGER);
        try (ResultSet rows = nullBound.executeQuery()) {
          assertTrue(rows.next());
          assertEquals(0, rows.getLong(1), "nothing equals NULL");
        }
      }
      try (PreparedStatement limited =
          connection.prepareStatement("SELECT name FROM emp LIMIT ?")) {
        limited.setString(1, "abc");
        SQLException error = assertThrows(SQLException.class, limited::executeQuery);
        String text =
            ErrorContract.messages(error, "") + String.join("\n", ServerTraces.exceptions(error));
        assertTrue(
            text.contains("FETCH must be a whole number from 0 to 2147483647, not abc"), text);
        assertFalse(ErrorContract.isInternal(text), text);
      }
    }
  }

  private static long countIris(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM iris")) {
      assertTrue(rows.next());
      return rows.getLong(1);
    }
  }

  private static void write(long seed, String text) throws IOException {
    Path folder = Files.createDirectories(Path.of("target", "fuzz"));
    Files.writeString(folder.resolve("statement-fuzz-seed-" + seed + ".txt"), text);
  }
}
