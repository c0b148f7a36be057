package dev.scry.gateway.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.gateway.RunningGateway;
import dev.scry.gateway.session.StatementObserver;
import dev.scry.gateway.session.StatementRecord;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A java.lang.Error on a gateway thread (here a real StackOverflowError, from an expression nested
 * deeper than the planner's recursion can follow) reaches the client as an SQLException naming it, not as
 * an unreadable HTTP 500 page, and the gateway keeps serving. A statement so deep that the parser
 * itself overflows gets an error saying so.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerErrorTest {
  /**
   * Terms of 1 + 1 + …, grown until the statement fails: both the parser and the validator recurse once
   * per term, the validator about three times as deep, so the first length that fails overflows the
   * validator (on a 1 MB thread stack from about 2,500 terms; the parser from about 8,000). The exact
   * limits move with the JIT, hence the search rather than a fixed length.
   */
  private static final int TERMS_STEP = 500;

  private static final int MAX_TERMS = 8_000;

  /** Enough terms to overflow the parser itself, which Calcite reports as a parse error. */
  private static final int TERMS_BEYOND_THE_PARSER = 20_000;

  @TempDir static Path work;

  private RunningGateway gateway;
  private final List<String> outcomes = new CopyOnWriteArrayList<>();

  @BeforeAll
  void start() {
    gateway =
        RunningGateway.start(
            work,
            false,
            config -> config,
            new StatementObserver() {
              @Override
              public void statementFinished(StatementRecord record) {
                outcomes.add(record.outcome());
              }
            });
  }

  @AfterAll
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void aStackOverflowOnTheGatewayIsAnSqlErrorAndTheGatewayStaysUp() throws SQLException {
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      SQLException error = null;
      for (int terms = TERMS_STEP; error == null && terms <= MAX_TERMS; terms += TERMS_STEP) {
        try {
          assertEquals(
              terms, count(statement, "SELECT " + "1 + ".repeat(terms - 1) + "1 AS total"));
        } catch (SQLException e) {
          error = e;
        }
      }
      assertNotNull(
          error, "no statement up to " + MAX_TERMS + " terms overflowed the gateway's stack");
      String message = messages(error);
      assertEquals("54001", error.getSQLState(), message);
      assertTrue(message.contains("nested too deeply"), message);
      // The failed statement still gets its one statement log line.
      assertTrue(outcomes.contains("ERROR 54001"), outcomes.toString());

      // The same connection, and a new one, still run statements.
      assertEquals(3, count(statement, "SELECT COUNT(*) FROM (VALUES 1, 2, 3) AS t(x)"));
    }
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      assertEquals(2, count(statement, "SELECT COUNT(*) FROM (VALUES 1, 2) AS t(x)"));
    }
  }

  @Test
  void aStatementTooDeepToParseIsAnSqlErrorSayingSo() throws SQLException {
    String sql = "SELECT " + "1 + ".repeat(TERMS_BEYOND_THE_PARSER - 1) + "1 AS total";
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      SQLException error =
          assertThrows(SQLException.class, () -> statement.executeQuery(sql).close());
      String message = messages(error);
      assertTrue(message.contains("nested too deeply to parse"), message);
      assertEquals(1, count(statement, "SELECT COUNT(*) FROM (VALUES 1) AS t(x)"));
    }
  }

  private static String messages(Throwable error) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = error; t != null && t != t.getCause(); t = t.getCause()) {
      text.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
    }
    return text.toString();
  }

  private static long count(Statement statement, String sql) throws SQLException {
    try (ResultSet rows = statement.executeQuery(sql)) {
      assertTrue(rows.next());
      return rows.getLong(1);
    }
  }
}
