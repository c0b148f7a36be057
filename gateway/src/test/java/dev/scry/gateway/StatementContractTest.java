package dev.scry.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.testing.TestTables;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the JDBC specification says statements do, as BI tools rely on it: a prepared statement
 * describes its parameters and result before it runs, setMaxRows caps the rows, and the update count
 * and further results are as the specification gives them; through the Scry and plain Avatica drivers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatementContractTest {
  @TempDir static Path work;

  private RunningGateway gateway;

  @BeforeAll
  void start() throws Exception {
    gateway = RunningGateway.start(work);
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      TestTables.registerIrisAndTitanic(statement);
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
  void aPreparedStatementDescribesItselfBeforeItRuns(String client) throws Exception {
    try (Connection connection = DriverManager.getConnection(gateway.clientUrl(client));
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT Species, Sepal_Length FROM iris WHERE Sepal_Length > ? AND Species = ?")) {
      ParameterMetaData parameters = statement.getParameterMetaData();
      assertEquals(2, parameters.getParameterCount(), client);
      assertEquals(Types.VARCHAR, parameters.getParameterType(2), client);
      assertEquals(Types.DOUBLE, parameters.getParameterType(1), client);
      assertEquals(15, parameters.getPrecision(1), client);
      assertEquals(Double.class.getName(), parameters.getParameterClassName(1), client);
      assertTrue(parameters.isSigned(1), client);
      assertEquals(ParameterMetaData.parameterModeIn, parameters.getParameterMode(1), client);
      ResultSetMetaData result = statement.getMetaData();
      assertEquals(2, result.getColumnCount(), client);
      assertEquals("Species", result.getColumnLabel(1), client);
    }
  }

  /**
   * Both drivers send a plain statement's limit, which the gateway applies; Avatica's protocol has no
   * limit for a prepared statement's execution, so there only the Scry driver stops at it.
   */
  @ParameterizedTest
  @ValueSource(strings = {"scry", "protobuf", "json"})
  void setMaxRowsCapsTheRows(String client) throws Exception {
    try (Connection connection = DriverManager.getConnection(gateway.clientUrl(client))) {
      try (Statement statement = connection.createStatement()) {
        statement.setMaxRows(7);
        assertEquals(7, count(statement.executeQuery("SELECT * FROM iris")), client + " statement");
      }
      try (PreparedStatement statement =
          connection.prepareStatement("SELECT * FROM iris WHERE Sepal_Length > ?")) {
        statement.setMaxRows(7);
        statement.setDouble(1, 0.0);
        assertEquals(
            client.equals("scry") ? 7 : 150, count(statement.executeQuery()), client + " prepared");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"scry", "protobuf", "json"})
  void updateCountsAndMoreResultsAreAsTheSpecificationSays(String client) throws Exception {
    try (Connection connection = DriverManager.getConnection(gateway.clientUrl(client));
        Statement statement = connection.createStatement()) {
      assertTrue(statement.execute("SELECT 1"), client);
      assertEquals(-1, statement.getUpdateCount(), client);
      assertFalse(statement.getMoreResults(), client);
      assertEquals(-1, statement.getUpdateCount(), client);
      assertNull(statement.getWarnings(), client);
    }
  }

  private static int count(ResultSet rows) throws Exception {
    try (rows) {
      int n = 0;
      while (rows.next()) {
        n++;
      }
      return n;
    }
  }
}
