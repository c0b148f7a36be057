package dev.scry.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.gateway.session.StatementObserver;
import dev.scry.gateway.session.StatementRecord;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batches go through the same operation as single statements: each statement of a batch, and each
 * parameter set of a prepared batch, is one statement with its own log record (and job group, so cancel
 * reaches it: CancelAndTimeoutTest).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchStatementsTest {
  @TempDir static Path work;

  private final List<StatementRecord> records = new CopyOnWriteArrayList<>();
  private RunningGateway gateway;

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
                records.add(record);
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
  void eachStatementOfABatchIsLoggedAndCounted() throws Exception {
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      records.clear();
      statement.addBatch("CREATE SCHEMA batched");
      statement.addBatch("CREATE TABLE batched.t AS SELECT * FROM (VALUES (1), (2)) AS v(x)");
      statement.addBatch("INSERT INTO batched.t SELECT 3");
      long[] counts = statement.executeLargeBatch();
      assertEquals(3, counts.length);
      assertEquals(
          List.of("OK", "OK", "OK"), records.stream().map(StatementRecord::outcome).toList());
      assertEquals(
          3, records.stream().map(StatementRecord::id).distinct().count(), "one statement id each");
      try (ResultSet rows = statement.executeQuery("SELECT COUNT(*), SUM(x) FROM batched.t")) {
        assertTrue(rows.next());
        assertEquals(3, rows.getLong(1));
        assertEquals(6, rows.getLong(2));
      }
    }
  }

  /**
   * A prepared batch: each parameter set one execution of the operation with its own record. (Only
   * queries take parameters today, so the batch runs a query, whose rows a batch does not read.)
   */
  @Test
  void eachParameterSetOfAPreparedBatchIsOneStatement() throws Exception {
    try (Connection connection = gateway.connect();
        PreparedStatement query = connection.prepareStatement("SELECT CAST(? AS INTEGER) + 1")) {
      for (int x = 1; x <= 3; x++) {
        query.setInt(1, x);
        query.addBatch();
      }
      records.clear();
      assertEquals(3, query.executeBatch().length);
      assertEquals(3, records.size(), records.toString());
      assertEquals(
          3, records.stream().map(StatementRecord::id).distinct().count(), "one statement id each");
    }
  }
}
