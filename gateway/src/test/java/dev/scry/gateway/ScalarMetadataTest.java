package dev.scry.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.planner.parser.ScryParser;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Scry driver's scalar DatabaseMetaData answers are true of the gateway: each supports* flag is
 * checked by running the SQL it speaks of (a feature claimed runs, a feature denied is refused), and the
 * names, keywords and function lists agree with what the gateway parses and lists.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScalarMetadataTest {
  @TempDir static Path work;

  private RunningGateway gateway;
  private Connection connection;
  private DatabaseMetaData metadata;

  @BeforeAll
  void start() throws Exception {
    gateway = RunningGateway.start(work);
    connection = gateway.connect();
    metadata = connection.getMetaData();
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA sales");
      statement.execute(
          "CREATE TABLE sales.Orders AS SELECT * FROM (VALUES (1, 'a', 10.5), (2, 'b', NULL),"
              + " (3, 'a_b', 7.0)) AS t(Id, Code, Amount)");
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

  /** Each flag, and a statement that runs when the flag is true and is refused when it is false. */
  @Test
  void everySupportsFlagMatchesWhatTheGatewayRuns() throws SQLException {
    Map<String, Boolean> claimed = new LinkedHashMap<>();
    claimed.put(
        "SELECT * FROM sales.Orders a FULL OUTER JOIN sales.Orders b ON a.Id = b.Id + 1",
        metadata.supportsFullOuterJoins());
    claimed.put(
        "SELECT * FROM sales.Orders a LEFT JOIN sales.Orders b ON a.Id = b.Id",
        metadata.supportsOuterJoins());
    claimed.put(
        "SELECT Id FROM sales.Orders o WHERE EXISTS (SELECT 1 FROM sales.Orders p WHERE p.Id = o.Id)",
        metadata.supportsCorrelatedSubqueries());
    claimed.put(
        "SELECT Id FROM sales.Orders WHERE Id > ALL (SELECT Id - 3 FROM sales.Orders)",
        metadata.supportsSubqueriesInQuantifieds());
    claimed.put(
        "SELECT Id FROM sales.Orders WHERE Id IN (SELECT Id FROM sales.Orders)",
        metadata.supportsSubqueriesInIns());
    claimed.put(
        "SELECT Id FROM sales.Orders WHERE Id = (SELECT MAX(Id) FROM sales.Orders)",
        metadata.supportsSubqueriesInComparisons());
    claimed.put(
        "SELECT Code FROM sales.Orders WHERE Code LIKE 'a!_%' ESCAPE '!'",
        metadata.supportsLikeEscapeClause());
    claimed.put(
        "SELECT COUNT(*) FROM sales.Orders GROUP BY Code", metadata.supportsGroupByUnrelated());
    claimed.put("SELECT Id FROM sales.Orders ORDER BY Code", metadata.supportsOrderByUnrelated());
    claimed.put(
        "SELECT Id FROM sales.Orders ORDER BY Id * -1", metadata.supportsExpressionsInOrderBy());
    claimed.put(
        "SELECT Id FROM sales.Orders UNION SELECT Id FROM sales.Orders", metadata.supportsUnion());
    claimed.put(
        "SELECT Id FROM sales.Orders UNION ALL SELECT Id FROM sales.Orders",
        metadata.supportsUnionAll());
    claimed.put(
        "SELECT o.Id AS ident FROM sales.Orders AS o",
        metadata.supportsColumnAliasing() && metadata.supportsTableCorrelationNames());
    claimed.put(
        "SELECT {fn CONVERT(Id, SQL_VARCHAR)} FROM sales.Orders", metadata.supportsConvert());
    claimed.put("SELECT Id FROM sales.Orders FOR UPDATE", metadata.supportsSelectForUpdate());
    claimed.put("CALL refresh()", metadata.supportsStoredProcedures());
    claimed.put(
        "SELECT * FROM default.sales.Orders", metadata.supportsCatalogsInDataManipulation());
    claimed.put("SELECT * FROM sales.Orders", metadata.supportsSchemasInDataManipulation());
    claimed.put(
        "CREATE TABLE sales.Copy AS SELECT * FROM sales.Orders",
        metadata.supportsSchemasInTableDefinitions() && !metadata.isReadOnly());
    claimed.put("COMMIT", metadata.supportsTransactions());
    List<String> wrong = new ArrayList<>();
    try (Statement statement = connection.createStatement()) {
      claimed.forEach(
          (sql, flag) -> {
            boolean ran = runs(statement, sql);
            if (ran != flag) {
              wrong.add((flag ? "claimed but refused: " : "denied but ran: ") + sql);
            }
          });
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void convertMatchesWhatCastsRun() throws SQLException {
    Map<String, Integer> literals =
        Map.of(
            "1",
            Types.INTEGER,
            "'12'",
            Types.VARCHAR,
            "DATE '2024-01-02'",
            Types.DATE,
            "TRUE",
            Types.BOOLEAN,
            "CAST(2.5 AS DOUBLE)",
            Types.DOUBLE);
    Map<Integer, String> targets =
        Map.of(
            Types.VARCHAR,
            "SQL_VARCHAR",
            Types.DOUBLE,
            "SQL_DOUBLE",
            Types.DATE,
            "SQL_DATE",
            Types.TIMESTAMP,
            "SQL_TIMESTAMP",
            Types.BIGINT,
            "SQL_BIGINT");
    List<String> wrong = new ArrayList<>();
    try (Statement statement = connection.createStatement()) {
      for (Map.Entry<String, Integer> literal : literals.entrySet()) {
        for (Map.Entry<Integer, String> target : targets.entrySet()) {
          boolean claimed = metadata.supportsConvert(literal.getValue(), target.getKey());
          // Text converts when it spells a value of the target type.
          String value =
              literal.getValue() == Types.VARCHAR
                      && (target.getKey() == Types.DATE || target.getKey() == Types.TIMESTAMP)
                  ? "'2024-01-02'"
                  : literal.getKey();
          String sql = "SELECT {fn CONVERT(" + value + ", " + target.getValue() + ")}";
          if (claimed != runs(statement, sql)) {
            wrong.add((claimed ? "claimed but refused: " : "denied but ran: ") + sql);
          }
        }
      }
    }
    assertEquals(List.of(), wrong);
    try (Statement statement = connection.createStatement()) {
      SQLException refused =
          Assertions.assertThrows(
              SQLException.class,
              () -> statement.executeQuery("SELECT {fn CONVERT(TRUE, SQL_BIGINT)}"));
      assertTrue(
          refused
              .getMessage()
              .startsWith(
                  "At line 1, column 8: {fn CONVERT} cannot take arguments of these"
                      + " types; check the arguments, or write a CAST"),
          refused.getMessage());
      assertEquals("42000", refused.getSQLState());
    }
    assertFalse(metadata.supportsConvert(Types.INTEGER, Types.DATE));
    assertTrue(metadata.supportsConvert(Types.DATE, Types.VARCHAR));
  }

  /** Names keep their case and match without regard to it, quoted or not, as the flags say. */
  @Test
  void identifierCaseAndQuotingAreAsDeclared() throws SQLException {
    assertTrue(
        metadata.storesMixedCaseIdentifiers() && metadata.storesMixedCaseQuotedIdentifiers());
    assertFalse(
        metadata.supportsMixedCaseIdentifiers() || metadata.supportsMixedCaseQuotedIdentifiers());
    assertFalse(metadata.storesUpperCaseIdentifiers() || metadata.storesLowerCaseIdentifiers());
    try (ResultSet tables = metadata.getTables(null, "sales", "Orders", null)) {
      assertTrue(tables.next());
      assertEquals("Orders", tables.getString("TABLE_NAME"));
    }
    String quote = metadata.getIdentifierQuoteString();
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT "
                    + quote
                    + "ID"
                    + quote
                    + " FROM "
                    + quote
                    + "SALES"
                    + quote
                    + "."
                    + quote
                    + "orders"
                    + quote
                    + " ORDER BY 1")) {
      assertTrue(rows.next());
      assertEquals(1, rows.getInt(1));
    }
    String escape = metadata.getSearchStringEscape();
    try (ResultSet tables = metadata.getTables(null, "sales", "Ord" + escape + "_rs", null)) {
      assertFalse(tables.next(), "an escaped _ matches only an underscore");
    }
  }

  /** Spark sorts NULLs first in ascending order: low. */
  @Test
  void nullsSortAsDeclared() throws SQLException {
    assertTrue(metadata.nullsAreSortedLow());
    assertFalse(
        metadata.nullsAreSortedHigh()
            || metadata.nullsAreSortedAtStart()
            || metadata.nullsAreSortedAtEnd());
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT Amount FROM sales.Orders ORDER BY Amount")) {
      assertTrue(rows.next());
      assertEquals(null, rows.getObject(1));
    }
  }

  @Test
  void identifierLengthIsTheParsersLimit() throws SQLException {
    assertEquals(ScryParser.IDENTIFIER_MAX_LENGTH, metadata.getMaxColumnNameLength());
    assertEquals(ScryParser.IDENTIFIER_MAX_LENGTH, metadata.getMaxTableNameLength());
    try (Statement statement = connection.createStatement()) {
      assertTrue(runs(statement, "SELECT 1 AS " + "c".repeat(metadata.getMaxColumnNameLength())));
      assertFalse(
          runs(statement, "SELECT 1 AS " + "c".repeat(metadata.getMaxColumnNameLength() + 1)));
    }
  }

  /** Keywords are the grammar's, beyond SQL:2003's reserved words; through both drivers (the gateway sends them). */
  @ParameterizedTest
  @ValueSource(strings = {"scry", "protobuf", "json"})
  void sqlKeywordsAreTheGrammars(String client) throws SQLException {
    try (Connection other = DriverManager.getConnection(gateway.clientUrl(client))) {
      Set<String> keywords =
          new TreeSet<>(Arrays.asList(other.getMetaData().getSQLKeywords().split(",")));
      assertEquals(
          new TreeSet<>(Arrays.asList(ScryParser.jdbcKeywords().split(","))), keywords, client);
      assertTrue(keywords.size() > 10, client + ": " + keywords);
      assertFalse(keywords.contains("SELECT"), client + ": SQL:2003 words are not listed");
    }
  }

  /** Every name in the four function lists is a function getFunctions lists, and a few of them run. */
  @Test
  void functionListsAreFunctionsTheGatewayLists() throws SQLException {
    Set<String> listed = new TreeSet<>();
    try (ResultSet functions = metadata.getFunctions(null, null, "%")) {
      while (functions.next()) {
        listed.add(functions.getString("FUNCTION_NAME"));
      }
    }
    List<String> named = new ArrayList<>();
    for (String list :
        List.of(
            metadata.getNumericFunctions(),
            metadata.getStringFunctions(),
            metadata.getTimeDateFunctions(),
            metadata.getSystemFunctions())) {
      named.addAll(Arrays.asList(list.split(",")));
    }
    assertTrue(named.size() > 20, named.toString());
    assertTrue(
        listed.containsAll(named),
        "not in getFunctions: " + named.stream().filter(n -> !listed.contains(n)).toList());
    try (Statement statement = connection.createStatement()) {
      assertTrue(runs(statement, "SELECT ABS(-1), UPPER('a'), CURRENT_DATE, COALESCE(NULL, 1)"));
    }
  }

  /** getFunctionColumns describes PREDICT's parameters and each built-in's, through the Scry driver. */
  @Test
  void functionColumnsDescribePredictAndBuiltIns() throws SQLException {
    List<String> predict = new ArrayList<>();
    try (ResultSet columns = metadata.getFunctionColumns(null, null, "PREDICT", "%")) {
      while (columns.next()) {
        predict.add(
            columns.getString("SPECIFIC_NAME")
                + " "
                + columns.getInt("ORDINAL_POSITION")
                + " "
                + columns.getString("COLUMN_NAME")
                + " "
                + columns.getString("TYPE_NAME")
                + " "
                + columns.getShort("COLUMN_TYPE"));
      }
    }
    assertEquals(
        List.of(
            "PREDICT_SCALAR 1 model VARCHAR 1",
            "PREDICT_SCALAR 2 value ANY 1",
            "PREDICT_SCALAR 0  ANY " + DatabaseMetaData.functionReturn,
            "PREDICT_TABLE 1 MODEL VARCHAR 1",
            "PREDICT_TABLE 2 DATA TABLE 1"),
        predict);
    try (ResultSet columns = metadata.getFunctionColumns(null, null, "SQRT", "arg%")) {
      assertTrue(columns.next());
      assertEquals("NUMERIC", columns.getString("TYPE_NAME").toUpperCase(Locale.ROOT));
      assertFalse(columns.next(), "SQRT takes one argument");
    }
  }

  private static boolean runs(Statement statement, String sql) {
    try {
      if (statement.execute(sql)) {
        try (ResultSet rows = statement.getResultSet()) {
          while (rows.next()) {
            rows.getObject(1);
          }
        }
      }
      return true;
    } catch (SQLException e) {
      return false;
    }
  }
}
