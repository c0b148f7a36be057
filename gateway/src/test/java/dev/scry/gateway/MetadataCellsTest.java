package dev.scry.gateway;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.testing.TestData;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DatabaseMetaData read as generic tools read it: every cell with {@code getObject}, through the Scry
 * driver and the plain Avatica driver with both serializations. Negative JDBC type codes (TINYINT -6,
 * BIGINT -5, BIT -7 …) used to fail there, as the result sets declared their integer columns unsigned.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetadataCellsTest {
  /**
   * What Avatica's client itself answers with "todo: implement this method" (Scry's driver answers them).
   * Its foreign-key results also misspell DEFERRABILITY, which only Scry's driver corrects.
   */
  private static final Set<String> AVATICA_CLIENT_STUBS =
      Set.of(
          "deletesAreDetected",
          "insertsAreDetected",
          "updatesAreDetected",
          "othersDeletesAreVisible",
          "othersInsertsAreVisible",
          "othersUpdatesAreVisible",
          "ownDeletesAreVisible",
          "ownInsertsAreVisible",
          "ownUpdatesAreVisible",
          "supportsResultSetHoldability");

  @TempDir static Path work;

  private RunningGateway gateway;

  @BeforeAll
  void start() throws Exception {
    gateway = RunningGateway.start(work);
    Path folder = Files.createDirectories(work.resolve("every_type"));
    Files.writeString(
        folder.resolve("part-0.csv"),
        "1,2,3,4,1.5,2.5,3.25,true,2024-02-29,2024-03-01 10:00:00,x\n");
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE EXTERNAL TABLE every_type (ti TINYINT, si SMALLINT, i INTEGER, bi BIGINT,"
              + " r REAL, d DOUBLE, amount DECIMAL(10, 2), b BOOLEAN, dt DATE, ts TIMESTAMP, v VARCHAR)"
              + " STORED AS CSV LOCATION '"
              + TestData.uri(folder)
              + "'");
    }
  }

  @AfterAll
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"scry", "protobuf", "json"})
  void everyMetadataCellReadsWithGetObject(String client) throws Exception {
    try (Connection connection = DriverManager.getConnection(gateway.clientUrl(client))) {
      DatabaseMetaData metadata = connection.getMetaData();
      List<Integer> columnTypes = new ArrayList<>();
      try (ResultSet columns = metadata.getColumns(null, "default", "every_type", null)) {
        readEveryCell(columns);
      }
      try (ResultSet columns = metadata.getColumns(null, "default", "every_type", null)) {
        while (columns.next()) {
          Object type = columns.getObject("DATA_TYPE");
          assertEquals(columns.getInt("DATA_TYPE"), ((Number) type).intValue(), client);
          columnTypes.add(((Number) type).intValue());
        }
      }
      assertEquals(
          List.of(
              Types.TINYINT,
              Types.SMALLINT,
              Types.INTEGER,
              Types.BIGINT,
              Types.REAL,
              Types.DOUBLE,
              Types.DECIMAL,
              Types.BOOLEAN,
              Types.DATE,
              Types.TIMESTAMP,
              Types.VARCHAR),
          columnTypes,
          client);
      try (ResultSet types = metadata.getTypeInfo()) {
        assertTrue(readEveryCell(types) > 5, client);
      }
      try (ResultSet tables = metadata.getTables(null, null, null, null)) {
        assertTrue(readEveryCell(tables) >= 1, client);
      }
      try (ResultSet schemas = metadata.getSchemas()) {
        assertTrue(readEveryCell(schemas) >= 1, client);
      }
      try (ResultSet tableTypes = metadata.getTableTypes()) {
        readEveryCell(tableTypes);
      }
    }
  }

  /**
   * Every {@link DatabaseMetaData} method, called as a schema browser calls them (null patterns), every
   * cell of every result set read with getObject and getString: no failure through the Scry driver;
   * through the plain Avatica driver, only the methods its client leaves unimplemented (docs/jdbc.md).
   */
  @ParameterizedTest
  @ValueSource(strings = {"scry", "protobuf", "json"})
  void everyMethodAnswersAndEveryCellReads(String client) throws Exception {
    List<String> failures = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(gateway.clientUrl(client))) {
      DatabaseMetaData metadata = connection.getMetaData();
      Method[] methods = DatabaseMetaData.class.getMethods();
      Arrays.sort(methods, Comparator.comparing(Method::getName));
      for (Method method : methods) {
        Object[] args = new Object[method.getParameterCount()];
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < args.length; i++) {
          args[i] =
              types[i] == int.class
                  ? (Object) 1
                  : types[i] == boolean.class
                      ? (Object) false
                      : types[i] == Class.class ? Object.class : null;
        }
        if (method.getName().equals("unwrap") || method.getName().equals("isWrapperFor")) {
          continue;
        }
        try {
          Object result = method.invoke(metadata, args);
          if (result instanceof ResultSet rows) {
            try (rows) {
              List<JdbcSpecColumns.Column> spec = JdbcSpecColumns.of(method.getName(), args.length);
              failures.addAll(shapeFailures(method.getName(), rows.getMetaData(), spec));
              int n = rows.getMetaData().getColumnCount();
              while (rows.next()) {
                for (int c = 1; c <= n; c++) {
                  try {
                    Object value = rows.getObject(c);
                    rows.getString(c);
                    if (value == null
                        && rows.getMetaData().isNullable(c) == ResultSetMetaData.columnNoNulls) {
                      failures.add(
                          method.getName()
                              + " column "
                              + rows.getMetaData().getColumnLabel(c)
                              + ": NULL in a column declared NOT NULL");
                    }
                  } catch (Exception e) {
                    failures.add(
                        method.getName()
                            + " column "
                            + rows.getMetaData().getColumnLabel(c)
                            + ": "
                            + e);
                  }
                }
              }
            }
          }
        } catch (InvocationTargetException e) {
          failures.add(method.getName() + ": " + e.getCause());
        }
      }
    }
    if (!client.equals("scry")) {
      failures.removeIf(
          failure ->
              AVATICA_CLIENT_STUBS.contains(failure.substring(0, failure.indexOf(':')))
                  && failure.contains("todo: implement this method"));
      failures.removeIf(
          failure -> failure.contains("DEFERABILITY: the specification names it DEFERRABILITY"));
    }
    assertEquals(List.of(), failures, client);
  }

  /**
   * How a metadata result set's declared columns differ from the specification's: labels and order, the
   * JDBC type of the Java type it names, numbers signed, and nullable wherever it says "may be null".
   */
  private static List<String> shapeFailures(
      String method, ResultSetMetaData columns, List<JdbcSpecColumns.Column> spec)
      throws Exception {
    List<String> failures = new ArrayList<>();
    if (spec == null) {
      failures.add(method + ": returns a result set the specification table does not list");
      return failures;
    }
    if (columns.getColumnCount() != spec.size()) {
      failures.add(
          method
              + ": "
              + columns.getColumnCount()
              + " columns, the specification gives "
              + spec.size());
      return failures;
    }
    for (int i = 1; i <= spec.size(); i++) {
      JdbcSpecColumns.Column expected = spec.get(i - 1);
      String where = method + " column " + i + " " + columns.getColumnLabel(i);
      if (!expected.anyLabel() && !expected.label().equals(columns.getColumnLabel(i))) {
        failures.add(where + ": the specification names it " + expected.label());
      }
      int type =
          switch (expected.javaType()) {
            case 'S' -> Types.VARCHAR;
            case 'I' -> Types.INTEGER;
            case 'H' -> Types.SMALLINT;
            case 'L' -> Types.BIGINT;
            default -> Types.BOOLEAN;
          };
      if (columns.getColumnType(i) != type) {
        failures.add(where + ": JDBC type " + columns.getColumnType(i) + ", expected " + type);
      }
      if (type != Types.VARCHAR && type != Types.BOOLEAN && !columns.isSigned(i)) {
        failures.add(where + ": a number declared unsigned");
      }
      if (expected.mayBeNull() && columns.isNullable(i) == ResultSetMetaData.columnNoNulls) {
        failures.add(where + ": may be null, declared NOT NULL");
      }
    }
    return failures;
  }

  /** Reads every cell of every row with getObject and getString; returns the rows read. */
  private static int readEveryCell(ResultSet rows) throws Exception {
    ResultSetMetaData columns = rows.getMetaData();
    int read = 0;
    while (rows.next()) {
      for (int i = 1; i <= columns.getColumnCount(); i++) {
        int column = i;
        String where = columns.getColumnLabel(i) + " of row " + (read + 1);
        Object value = assertDoesNotThrow(() -> rows.getObject(column), where);
        assertDoesNotThrow(() -> rows.getString(column), where);
        if (value != null && columns.getColumnClassName(i) != null) {
          assertTrue(
              Class.forName(
                          columns.getColumnClassName(i),
                          false,
                          MetadataCellsTest.class.getClassLoader())
                      .isInstance(value)
                  || value instanceof Number,
              where + ": " + value.getClass());
        }
      }
      read++;
    }
    return read;
  }
}
