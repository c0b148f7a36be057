package dev.scry.gateway.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.gateway.ClientMessages;
import dev.scry.gateway.RunningGateway;
import dev.scry.testing.TestData;
import dev.scry.testing.TestTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One statement per SQLSTATE of docs/errors.md, through the Scry driver and through the plain Avatica
 * driver with each serialization: the state, the vendor code, a message without Java class names or
 * repeated causes that ends with the statement id, and the connection still usable afterwards.
 * (Cancel, timeout, authentication, idle expiry and storage outages have tests of their own.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorStatesTest {
  private static final Pattern ENDS_WITH_ID =
      Pattern.compile(".*\\(statement [0-9a-f]{4}-\\d+\\)$");

  @TempDir static Path work;

  private RunningGateway gateway;
  private Path vanishingFolder;

  @BeforeAll
  void start() throws Exception {
    gateway = RunningGateway.start(work);
    vanishingFolder = Files.createDirectories(work.resolve("vanishing"));
    Files.writeString(vanishingFolder.resolve("part-0.csv"), "id,name\n1,a\n2,b\n");
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      TestTables.registerIrisAndTitanic(statement);
      statement.execute(
          "CREATE EXTERNAL TABLE vanishing STORED AS CSV LOCATION '"
              + TestData.uri(vanishingFolder)
              + "' OPTIONS (header 'true')");
    }
  }

  @AfterAll
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  Stream<Arguments> statements() {
    return Stream.of(
        Arguments.of("42601", "SELEC * FROM iris", "Syntax error at line 1, column 1"),
        Arguments.of("42601", "-- nothing but a comment", "The statement is empty"),
        Arguments.of(
            "42S02",
            "SELECT * FROM no_such_table",
            "'no_such_table' not found at line 1, column 15"),
        Arguments.of(
            "42S22",
            "SELECT nosuchcol FROM iris",
            "Column 'nosuchcol' not found in any table at line 1"),
        Arguments.of(
            "42000",
            "SELECT * FROM PREDICT(MODEL => 'iris_rf', DATA => TABLE iris)",
            "float_input"),
        Arguments.of(
            "42000",
            "SELECT * FROM PREDICT(MODEL => 'no_such_model', DATA => TABLE iris)",
            "Model 'no_such_model' does not exist"),
        Arguments.of("42710", "CREATE SCHEMA \"default\"", "Schema 'default' already exists"),
        Arguments.of(
            "22012", "SELECT CAST(Sepal_Length AS INTEGER) / 0 FROM iris", "Division by zero"),
        Arguments.of("22018", "SELECT CAST(Species AS INTEGER) FROM iris", "cannot be cast"),
        Arguments.of("0A000", "SELECT TRUNCATE(Sepal_Length, 1) FROM iris", "TRUNCATE"),
        Arguments.of(
            "3F000", "SHOW TABLES IN no_such_schema", "Schema 'no_such_schema' does not exist"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("statements")
  void theScryDriverGivesTheStateAndOneSentence(String state, String sql, String expected)
      throws SQLException {
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      SQLException error =
          assertThrows(SQLException.class, () -> statement.executeQuery(sql).close());
      assertClientError(state, expected, error);
      // The message is the gateway's sentence alone: no driver prefixes around it.
      assertFalse(error.getMessage().startsWith("Error "), error.getMessage());
      assertTrue(ENDS_WITH_ID.matcher(error.getMessage()).matches(), error.getMessage());
      assertEquals(1, count(statement, "SELECT COUNT(*) FROM (VALUES 1) AS t(x)"));
    }
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("statements")
  void thePlainAvaticaDriverGetsTheSameStateInBothSerializations(
      String state, String sql, String expected) throws SQLException {
    for (String serialization : List.of("protobuf", "json")) {
      try (Connection connection = DriverManager.getConnection(gateway.avaticaUrl(serialization));
          Statement statement = connection.createStatement()) {
        SQLException error =
            assertThrows(SQLException.class, () -> statement.executeQuery(sql).close());
        assertClientError(state, expected, error);
      }
    }
  }

  @Test
  void aPreparedStatementIsDescribedWithTheSameError() throws SQLException {
    try (Connection connection = gateway.connect()) {
      SQLException error =
          assertThrows(
              SQLException.class,
              () ->
                  connection
                      .prepareStatement("SELECT nosuchcol FROM iris WHERE Sepal_Length > ?")
                      .close());
      assertClientError("42S22", "Column 'nosuchcol' not found", error);
      assertTrue(error instanceof SQLSyntaxErrorException, error.getClass().getName());
    }
  }

  @Test
  void anEmptyStatementIsASyntaxError() throws SQLException {
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      SQLException error = assertThrows(SQLException.class, () -> statement.execute(""));
      assertClientError("42601", "The statement is empty", error);
    }
  }

  @Test
  void aFileThatVanishedUnderATableIsAStorageError() throws Exception {
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      // The same query before and after: the scan's listing, kept for a few seconds, is then the
      // one made before the file went, so Spark is still sent to read it. The result cache, which
      // keys on that same listing, would answer the second query from the first: off here.
      statement.execute("SET result_cache = off");
      assertEquals(2, readAll(statement, "SELECT * FROM vanishing"));
      Files.delete(vanishingFolder.resolve("part-0.csv"));
      SQLException error =
          assertThrows(SQLException.class, () -> readAll(statement, "SELECT * FROM vanishing"));
      assertClientError("58030", "part-0.csv", error);
    }
  }

  private static void assertClientError(String state, String expected, SQLException error) {
    String message = error.getMessage();
    assertEquals(state, error.getSQLState(), message);
    assertTrue(error.getErrorCode() > 0, "vendor code " + error.getErrorCode() + ": " + message);
    assertTrue(message.contains(expected), message);
    assertEquals(Optional.empty(), ClientMessages.javaText(message), message);
  }

  /** The single value of a COUNT query. */
  private static long count(Statement statement, String sql) throws SQLException {
    try (ResultSet rows = statement.executeQuery(sql)) {
      assertTrue(rows.next(), sql);
      return rows.getLong(1);
    }
  }

  /** Reads every row of {@code sql}; how many there were. */
  private static int readAll(Statement statement, String sql) throws SQLException {
    int count = 0;
    try (ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        rows.getObject(1);
        count++;
      }
    }
    return count;
  }
}
