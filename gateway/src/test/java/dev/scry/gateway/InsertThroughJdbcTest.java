package dev.scry.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.testing.ResultRows;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * CREATE TABLE with columns, INSERT INTO with a column list (VALUES and SELECT), and INSERT OVERWRITE
 * of a whole table and of one partition, through the driver, with the warehouse in a local folder.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InsertThroughJdbcTest {
  @TempDir static Path work;

  private RunningGateway gateway;
  private Connection connection;

  @BeforeAll
  void start() throws SQLException {
    gateway = RunningGateway.start(work);
    connection = gateway.connect();
  }

  @AfterAll
  void stop() throws SQLException {
    connection.close();
    gateway.close();
  }

  @Test
  void anEmptyTableReadsAsNoRowsWithItsColumns() throws SQLException {
    update("CREATE TABLE empty_one (id BIGINT NOT NULL, name VARCHAR(10)) STORED AS CSV");
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT * FROM empty_one")) {
      ResultSetMetaData meta = rows.getMetaData();
      assertEquals(2, meta.getColumnCount());
      assertEquals("id", meta.getColumnLabel(1));
      assertEquals("BIGINT", meta.getColumnTypeName(1));
      assertEquals("name", meta.getColumnLabel(2));
      assertTrue(!rows.next());
    }
    assertEquals(List.of(List.of(0L)), query("SELECT COUNT(*) FROM empty_one"));
  }

  /** Every column type, a shuffled column list, NULLs in every nullable column; read back equal. */
  @Test
  void everyTypeReadsBackAsInserted() throws SQLException {
    update(
        """
        CREATE TABLE every_type (b BOOLEAN, ti TINYINT, si SMALLINT, i INTEGER NOT NULL, bi BIGINT,
          r REAL, d DOUBLE, money DECIMAL(10, 2), s VARCHAR(20), bin VARBINARY, dt DATE, ts TIMESTAMP,
          arr INTEGER ARRAY)""");
    assertEquals(
        3,
        update(
            """
            INSERT INTO every_type (ts, arr, s, i, dt, bin, d, r, money, bi, si, ti, b) VALUES
              (TIMESTAMP '2024-02-29 13:14:15', ARRAY[1, 2, 3], 'héllo', 1, DATE '2024-02-29',
               X'0102', 2.5, 1.25, 12345678.91, 9007199254740993, 32000, -7, TRUE),
              (NULL, NULL, NULL, 2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
              (TIMESTAMP '1970-01-01 00:00:00', ARRAY[CAST(NULL AS INTEGER)], '', 3,
               DATE '1900-01-01', X'', -0.5, -2, -0.01, -1, -1, 127, FALSE)"""));
    List<List<Object>> rows =
        normal(
            query(
                "SELECT b, ti, si, i, bi, r, d, money, s, bin, dt, ts, arr FROM every_type ORDER BY i"));
    assertEquals(
        List.of(
            Arrays.asList(
                true,
                (byte) -7,
                (short) 32000,
                1,
                9007199254740993L,
                1.25f,
                2.5d,
                new BigDecimal("12345678.91"),
                "héllo",
                "[1, 2]",
                Date.valueOf("2024-02-29"),
                Timestamp.valueOf("2024-02-29 13:14:15"),
                "[1, 2, 3]"),
            Arrays.asList(
                null, null, null, 2, null, null, null, null, null, null, null, null, null),
            Arrays.asList(
                false,
                (byte) 127,
                (short) -1,
                3,
                -1L,
                -2f,
                -0.5d,
                new BigDecimal("-0.01"),
                "",
                "[]",
                Date.valueOf("1900-01-01"),
                Timestamp.valueOf("1970-01-01 00:00:00"),
                "[null]")),
        rows);
  }

  @Test
  void aLeftOutNotNullColumnIsRefusedAndANullFailsTheWrite() throws SQLException {
    update("CREATE TABLE strict (id INTEGER NOT NULL, note VARCHAR(10))");
    update("INSERT INTO strict (note, id) VALUES ('kept', 1)");
    SQLException leftOut =
        assertThrows(SQLException.class, () -> update("INSERT INTO strict (note) VALUES ('x')"));
    assertEquals("23502", leftOut.getSQLState());
    assertInstanceOf(SQLIntegrityConstraintViolationException.class, leftOut);
    assertTrue(
        leftOut
            .getMessage()
            .startsWith(
                "INSERT into default.strict leaves out column 'id', which is NOT NULL: give it a"
                    + " value"),
        leftOut.getMessage());
    SQLException nullValue =
        assertThrows(
            SQLException.class,
            () -> update("INSERT INTO strict (id, note) VALUES (2, 'a'), (NULL, 'b')"));
    assertEquals("23502", nullValue.getSQLState());
    assertTrue(
        nullValue
            .getMessage()
            .startsWith(
                "NULL in the NOT NULL column 'id' of default.strict: the rows written hold a NULL"
                    + " for it"),
        nullValue.getMessage());
    assertEquals(List.of(List.of(1, "kept")), query("SELECT id, note FROM strict"));
  }

  /** Values are cast to the column types as Spark casts (ANSI): an INTEGER into DOUBLE works. */
  @Test
  void valuesAreConvertedAsSparkCasts() throws SQLException {
    update("CREATE TABLE converted (i INTEGER, d DOUBLE, s VARCHAR(5), dt DATE)");
    update("INSERT INTO converted (d, i, s, dt) VALUES (1, '42', 7, '2024-05-06')");
    assertEquals(
        List.of(Arrays.asList(42, 1.0d, "7", Date.valueOf("2024-05-06"))),
        query("SELECT i, d, s, dt FROM converted"));
    SQLException notANumber =
        assertThrows(SQLException.class, () -> update("INSERT INTO converted (i) VALUES ('abc')"));
    assertEquals("22018", notANumber.getSQLState(), notANumber.getMessage());
    assertEquals(List.of(List.of(1L)), query("SELECT COUNT(*) FROM converted"));
  }

  @Test
  void insertSelectWithAColumnListFillsTheRestWithNull() throws SQLException {
    update("CREATE TABLE source_rows (a INTEGER, b VARCHAR(5))");
    update("INSERT INTO source_rows VALUES (1, 'one'), (2, 'two')");
    update("CREATE TABLE target_rows (x DOUBLE, label VARCHAR(5), n INTEGER)");
    assertEquals(
        2, update("INSERT INTO target_rows (n, label) SELECT a * 10, UPPER(b) FROM source_rows"));
    assertEquals(
        List.of(Arrays.asList(null, "ONE", 10), Arrays.asList(null, "TWO", 20)),
        query("SELECT x, label, n FROM target_rows ORDER BY n"));
  }

  @Test
  void overwritingATableReplacesItsRowsAndDropsTheOldFolders() throws Exception {
    update("CREATE TABLE replaced (id INTEGER, v VARCHAR(5))");
    update("INSERT INTO replaced VALUES (1, 'a')");
    update("INSERT INTO replaced VALUES (2, 'b')");
    assertEquals(2, dataFolders("replaced").size());
    assertEquals(1, update("INSERT OVERWRITE TABLE replaced SELECT 3, 'c'"));
    assertEquals(List.of(List.of(3, "c")), query("SELECT id, v FROM replaced"));
    assertEquals(1, dataFolders("replaced").size());
    // A failed overwrite leaves the table as it was.
    assertThrows(
        SQLException.class, () -> update("INSERT OVERWRITE replaced (v, id) VALUES ('d', 'x')"));
    assertEquals(List.of(List.of(3, "c")), query("SELECT id, v FROM replaced"));
    // An overwrite with no rows empties the table.
    assertEquals(0, update("INSERT OVERWRITE replaced SELECT id, v FROM replaced WHERE id < 0"));
    assertEquals(List.of(), query("SELECT id, v FROM replaced"));
  }

  @Test
  void overwritingOnePartitionLeavesTheOthers() throws Exception {
    update(
        "CREATE TABLE sales (id INTEGER, amount DOUBLE, region VARCHAR(5)) PARTITIONED BY (region)");
    update("INSERT INTO sales VALUES (1, 1.5, 'eu'), (2, 2.5, 'us'), (3, 3.5, 'ap')");
    update("INSERT INTO sales (region, id, amount) VALUES ('eu', 4, 4.5), ('us', 5, 5.5)");
    assertEquals(
        1, update("INSERT OVERWRITE TABLE sales PARTITION (region = 'eu') VALUES (10, 10.5)"));
    assertEquals(
        List.of(
            List.of(2, 2.5d, "us"),
            List.of(3, 3.5d, "ap"),
            List.of(5, 5.5d, "us"),
            List.of(10, 10.5d, "eu")),
        query("SELECT id, amount, region FROM sales ORDER BY id"));
    // No older folder holds an 'eu' partition any more.
    Path table = work.resolve("warehouse/default/sales");
    try (Stream<Path> files = Files.walk(table)) {
      assertEquals(1, files.filter(p -> p.getFileName().toString().equals("region=eu")).count());
    }
    // Pruning still reads only the partition asked for; a second overwrite of it, with a column
    // list.
    assertEquals(
        1,
        update(
            "INSERT OVERWRITE sales PARTITION (region = 'us') (amount, id)"
                + " SELECT amount * 2, id + 100 FROM sales WHERE region = 'us' AND id = 5"));
    assertEquals(
        List.of(List.of(3, 3.5d, "ap"), List.of(10, 10.5d, "eu"), List.of(105, 11.0d, "us")),
        query("SELECT id, amount, region FROM sales ORDER BY id"));
    assertEquals(
        List.of(List.of(10, "eu")), query("SELECT id, region FROM sales WHERE region = 'eu'"));
    // Appends to an overwritten partition are read with it.
    update("INSERT INTO sales VALUES (11, 0.5, 'eu')");
    assertEquals(
        List.of(List.of(10), List.of(11)),
        query("SELECT id FROM sales WHERE region = 'eu' ORDER BY id"));
  }

  private List<String> dataFolders(String table) throws IOException {
    try (Stream<Path> children = Files.list(work.resolve("warehouse/default/" + table))) {
      return children
          .map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("data-"))
          .toList();
    }
  }

  private long update(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      return statement.executeLargeUpdate(sql);
    }
  }

  private List<List<Object>> query(String sql) throws SQLException {
    return ResultRows.query(connection, sql);
  }

  /** Arrays and byte strings as text, so that rows compare with equals. */
  private static List<List<Object>> normal(List<List<Object>> rows) throws SQLException {
    List<List<Object>> out = new ArrayList<>();
    for (List<Object> row : rows) {
      List<Object> values = new ArrayList<>();
      for (Object value : row) {
        if (value instanceof Array array) {
          values.add(Arrays.toString((Object[]) array.getArray()));
        } else if (value instanceof byte[] bytes) {
          values.add(Arrays.toString(bytes));
        } else {
          values.add(value);
        }
      }
      out.add(values);
    }
    return out;
  }
}
