package dev.scry.gateway.flight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.gateway.RunningGateway;
import dev.scry.gateway.session.StatementObserver;
import dev.scry.testing.TestData;
import dev.scry.testing.TestTables;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
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
 * Arrow's published Flight SQL JDBC driver against the gateway's Flight SQL port, used as BI tools use
 * it (cells read with getObject): the same rows as the Scry driver over Avatica, for every type,
 * PREDICT in its three forms, DDL, a prepared statement, DatabaseMetaData, an error, and clients of
 * both protocols at once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlightSqlJdbcDriverTest {
  private static final String IRIS_FEATURES =
      "(SELECT \"_index_\", ARRAY[Sepal_Length, Sepal_Width, Petal_Length, Petal_Width] AS"
          + " float_input FROM iris)";

  private static final String EVERY_TYPE =
      "SELECT CAST(1 AS TINYINT) AS ti, CAST(-2 AS SMALLINT) AS si, 3 AS i,"
          + " CAST(4000000000 AS BIGINT) AS bi, CAST(1.5 AS REAL) AS r, CAST(2.25 AS DOUBLE) AS d,"
          + " CAST(-123.45 AS DECIMAL(10, 2)) AS amount, 'text é' AS s, TRUE AS b,"
          + " DATE '2024-02-29' AS dt, TIMESTAMP '2024-02-29 12:34:56.123' AS ts,"
          + " ARRAY[1, 2, 3] AS arr, CAST(NULL AS INTEGER) AS null_i,"
          + " CAST(NULL AS VARCHAR) AS null_s, CAST(NULL AS DATE) AS null_dt,"
          + " CAST(NULL AS TIMESTAMP) AS null_ts, CAST(NULL AS DECIMAL(5, 1)) AS null_dec";

  /** Rows of the numbers table: about 10 MB of Parquet. */
  private static final int NUMBERS = 650_000;

  @TempDir static Path work;

  private RunningGateway gateway;

  @BeforeAll
  void start() throws SQLException {
    gateway = RunningGateway.startWithFlight(work, config -> config, StatementObserver.NONE);
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      TestTables.registerIrisAndTitanic(statement);
      // Random doubles do not compress: over the size Spark's estimate collects at once, so the
      // result is offered as several endpoints.
      Path numbers = work.resolve("numbers");
      gateway
          .spark()
          .range(0, NUMBERS, 1, 4)
          .selectExpr("id", "rand(7) AS r")
          .write()
          .parquet(numbers.toString());
      statement.execute(
          "CREATE EXTERNAL TABLE numbers STORED AS PARQUET LOCATION '"
              + TestData.uri(numbers)
              + "'");
    }
  }

  @AfterAll
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  private Connection flight() throws SQLException {
    return DriverManager.getConnection(gateway.flightUrl());
  }

  @Test
  void aResultOfSeveralEndpointsReadsEveryRowOnce() throws SQLException {
    BitSet seen = new BitSet(NUMBERS);
    try (Connection connection = flight();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT id, r FROM numbers")) {
      while (rs.next()) {
        int id = ((Number) rs.getObject(1)).intValue();
        assertFalse(seen.get(id), "row " + id + " arrived twice");
        seen.set(id);
        assertTrue(rs.getObject(2) instanceof Double);
      }
    }
    assertEquals(NUMBERS, seen.cardinality());
    assertEquals(NUMBERS, seen.nextClearBit(0));
  }

  @Test
  void anOrderedResultKeepsItsOrder() throws SQLException {
    try (Connection connection = flight();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT id FROM numbers WHERE MOD(id, 3) = 0 ORDER BY id DESC")) {
      long expected = (NUMBERS - 1) / 3 * 3;
      while (rs.next()) {
        assertEquals(expected, ((Number) rs.getObject(1)).longValue());
        expected -= 3;
      }
      assertEquals(-3, expected, "every row came");
    }
  }

  @Test
  void everyTypeReadsAsThroughTheScryDriver() throws SQLException {
    List<List<Object>> avatica;
    try (Connection connection = gateway.connect()) {
      avatica = rows(connection, EVERY_TYPE);
    }
    try (Connection connection = flight();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(EVERY_TYPE)) {
      ResultSetMetaData meta = rs.getMetaData();
      assertEquals("ti", meta.getColumnLabel(1));
      assertEquals(Types.TINYINT, meta.getColumnType(1));
      assertEquals(Types.INTEGER, meta.getColumnType(3));
      assertEquals(Types.BIGINT, meta.getColumnType(4));
      // Arrow's driver reports a 32-bit float as FLOAT (and getObject gives a Double): its mapping.
      assertEquals(Types.FLOAT, meta.getColumnType(5));
      assertEquals(Types.DOUBLE, meta.getColumnType(6));
      assertEquals(Types.DECIMAL, meta.getColumnType(7));
      assertEquals(10, meta.getPrecision(7));
      assertEquals(2, meta.getScale(7));
      assertEquals(Types.VARCHAR, meta.getColumnType(8));
      assertEquals(Types.BOOLEAN, meta.getColumnType(9));
      assertEquals(Types.DATE, meta.getColumnType(10));
      assertEquals(Types.TIMESTAMP, meta.getColumnType(11));
      assertEquals(Types.ARRAY, meta.getColumnType(12));
      List<List<Object>> flight = rows(rs);
      assertEquals(avatica, flight);
      assertEquals(1, flight.size());
      for (int i = 12; i < 17; i++) {
        assertEquals(null, flight.get(0).get(i), "column " + (i + 1) + " is NULL");
      }
    }
  }

  @Test
  void predictInItsThreeFormsGivesTheRowsOfTheScryDriver() throws SQLException {
    List<String> queries =
        List.of(
            "SELECT \"_index_\", output_label, output_probability_0 FROM PREDICT(MODEL =>"
                + " 'iris_rf', DATA => "
                + IRIS_FEATURES
                + ") ORDER BY \"_index_\"",
            "SELECT d.\"_index_\", p.label, p.probability_setosa FROM PREDICT(MODEL = iris_rf,"
                + " DATA = "
                + IRIS_FEATURES
                + " AS d) WITH (label BIGINT, probability_setosa DOUBLE 'output_probability_0')"
                + " AS p ORDER BY d.\"_index_\"",
            "SELECT \"_index_\", PREDICT('iris_rf', Sepal_Length, Sepal_Width, Petal_Length,"
                + " Petal_Width) AS label FROM iris ORDER BY \"_index_\"");
    try (Connection scry = gateway.connect();
        Connection flight = flight()) {
      for (String query : queries) {
        List<List<Object>> expected = rows(scry, query);
        assertEquals(150, expected.size(), query);
        assertEquals(expected, rows(flight, query), query);
      }
    }
  }

  @Test
  void ddlThroughFlightIsSeenByTheScryDriver() throws SQLException {
    try (Connection connection = flight();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE flight_setosa AS SELECT \"_index_\", Sepal_Length FROM iris"
              + " WHERE Species = 'setosa'");
      assertEquals(List.of(List.of(50L)), rows(connection, "SELECT COUNT(*) FROM flight_setosa"));
    }
    try (Connection connection = gateway.connect()) {
      assertEquals(List.of(List.of(50L)), rows(connection, "SELECT COUNT(*) FROM flight_setosa"));
    }
  }

  @Test
  void aPreparedStatementTakesItsParameterAgainAndAgain() throws SQLException {
    try (Connection connection = flight();
        PreparedStatement statement =
            connection.prepareStatement("SELECT COUNT(*) FROM iris WHERE Sepal_Length > ?")) {
      for (double bound : new double[] {5.0, 7.0}) {
        statement.setDouble(1, bound);
        List<List<Object>> expected;
        try (Connection scry = gateway.connect()) {
          expected = rows(scry, "SELECT COUNT(*) FROM iris WHERE Sepal_Length > " + bound);
        }
        try (ResultSet rs = statement.executeQuery()) {
          assertEquals(expected, rows(rs), "bound " + bound);
        }
      }
    }
  }

  @Test
  void databaseMetaDataBrowsesTheCatalog() throws SQLException {
    try (Connection connection = flight()) {
      DatabaseMetaData meta = connection.getMetaData();
      assertEquals("Scry", meta.getDatabaseProductName());
      List<String> schemas = new ArrayList<>();
      try (ResultSet rs = meta.getSchemas()) {
        while (rs.next()) {
          schemas.add(rs.getString("TABLE_SCHEM"));
        }
      }
      assertTrue(schemas.contains("default"), schemas.toString());
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = meta.getTables(null, "default", "%", null)) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME") + ":" + rs.getString("TABLE_TYPE"));
        }
      }
      assertTrue(tables.containsAll(List.of("iris:TABLE", "titanic:TABLE")), tables.toString());
      List<String> columns = new ArrayList<>();
      try (ResultSet rs = meta.getColumns(null, "default", "iris", "%")) {
        while (rs.next()) {
          columns.add(rs.getString("COLUMN_NAME") + ":" + rs.getString("TYPE_NAME"));
        }
      }
      assertTrue(columns.contains("Sepal_Length:DOUBLE"), columns.toString());
      try (ResultSet rs = meta.getCatalogs()) {
        assertFalse(rs.next(), "Scry has no catalogs");
      }
      try (ResultSet rs = meta.getPrimaryKeys(null, "default", "iris")) {
        assertFalse(rs.next(), "no keys");
      }
      try (ResultSet rs = meta.getTableTypes()) {
        assertTrue(rs.next());
      }
    }
  }

  @Test
  void anErrorCarriesTheGatewaysSentenceAndSqlState() throws SQLException {
    try (Connection connection = flight();
        Statement statement = connection.createStatement()) {
      SQLException error =
          assertThrows(
              SQLException.class, () -> statement.executeQuery("SELECT * FROM no_such_table"));
      assertTrue(error.getMessage().contains("SQLSTATE 42S02"), error.getMessage());
      assertTrue(error.getMessage().contains("no_such_table"), error.getMessage());
      assertFalse(error.getMessage().contains("Exception"), error.getMessage());
      // The connection goes on.
      assertEquals(List.of(List.of(1)), rows(connection, "SELECT 1"));
    }
  }

  @Test
  void clientsOfBothProtocolsAtOnceGetTheSameAnswers() throws Exception {
    String query =
        "SELECT Species, COUNT(*) AS n, SUM(Petal_Length) AS total FROM iris GROUP BY Species"
            + " ORDER BY Species";
    List<List<Object>> expected;
    try (Connection connection = gateway.connect()) {
      expected = rows(connection, query);
    }
    // 16 clients, half on each protocol, 8 at a time.
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try {
      List<Future<List<List<Object>>>> answers = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        boolean useFlight = i % 2 == 0;
        answers.add(
            clients.submit(
                () -> {
                  try (Connection connection = useFlight ? flight() : gateway.connect()) {
                    return rows(connection, query);
                  }
                }));
      }
      for (Future<List<List<Object>>> answer : answers) {
        assertEquals(expected, answer.get(120, TimeUnit.SECONDS));
      }
    } finally {
      clients.shutdownNow();
    }
  }

  private static List<List<Object>> rows(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      return rows(rs);
    }
  }

  /** Every cell by getObject; dates, timestamps and arrays as comparable values. */
  private static List<List<Object>> rows(ResultSet rs) throws SQLException {
    int columns = rs.getMetaData().getColumnCount();
    List<List<Object>> rows = new ArrayList<>();
    while (rs.next()) {
      List<Object> row = new ArrayList<>();
      for (int i = 1; i <= columns; i++) {
        row.add(comparable(rs.getObject(i)));
      }
      rows.add(row);
    }
    return rows;
  }

  private static Object comparable(Object value) throws SQLException {
    if (value instanceof Array array) {
      Object elements = array.getArray();
      List<Object> list = new ArrayList<>();
      for (int i = 0; i < java.lang.reflect.Array.getLength(elements); i++) {
        list.add(comparable(java.lang.reflect.Array.get(elements, i)));
      }
      return list;
    }
    if (value instanceof Float f) {
      // REAL: a Float from the Scry driver, the same value as a Double from Arrow's driver.
      return f.doubleValue();
    }
    if (value instanceof java.util.Date) {
      return value.getClass().getSimpleName() + " " + value;
    }
    return value;
  }
}
