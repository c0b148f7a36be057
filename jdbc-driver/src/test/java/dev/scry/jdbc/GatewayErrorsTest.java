package dev.scry.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientException;
import java.util.List;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.AvaticaSqlException;
import org.junit.jupiter.api.Test;

/** What the driver makes of the errors Avatica's client builds from the gateway's error responses. */
class GatewayErrorsTest {
  private static final String SENTENCE =
      "Column 'x' not found in any table at line 1, column 8 (statement 3f2a-17)";

  @Test
  void aRemoteErrorBecomesTheGatewaysSentenceAsTheSubclassOfItsState() {
    SQLException error = GatewayErrors.toSqlException(remote("42S22", 1003));
    assertInstanceOf(SQLSyntaxErrorException.class, error);
    assertEquals(SENTENCE, error.getMessage());
    assertEquals("42S22", error.getSQLState());
    assertEquals(1003, error.getErrorCode());

    assertInstanceOf(SQLDataException.class, GatewayErrors.toSqlException(remote("22012", 2012)));
    assertInstanceOf(
        SQLTransientException.class, GatewayErrors.toSqlException(remote("58030", 5830)));
    // A Delta commit lost to a concurrent writer: a tool retries on this subclass.
    assertInstanceOf(
        SQLTransactionRollbackException.class, GatewayErrors.toSqlException(remote("40001", 4001)));
  }

  @Test
  void whereAvaticaReplacedTheMessageTheSentenceComesFromTheServersTrace() {
    AvaticaSqlException prepared =
        new AvaticaSqlException(
            "while preparing SQL: SELECT x FROM t",
            "42S22",
            1003,
            List.of(SENTENCE + "\n"),
            "gateway:8765");
    SQLException error = GatewayErrors.toSqlException(prepared);
    assertEquals(SENTENCE, error.getMessage());
    assertEquals("42S22", error.getSQLState());
  }

  @Test
  void transportFailuresBecomeConnectionAndAuthenticationErrors() {
    SQLException refused =
        GatewayErrors.toSqlException(
            new RuntimeException("Connect failed", new ConnectException("Connection refused")));
    assertInstanceOf(SQLNonTransientConnectionException.class, refused);
    assertEquals("08001", refused.getSQLState());

    SQLException unauthorized =
        GatewayErrors.toSqlException(
            new RuntimeException("Failed to execute HTTP Request, got HTTP/401"));
    assertInstanceOf(SQLInvalidAuthorizationSpecException.class, unauthorized);
    assertEquals("28000", unauthorized.getSQLState());
    assertTrue(
        unauthorized.getMessage().contains("refused the credentials"), unauthorized.getMessage());
  }

  private static AvaticaClientRuntimeException remote(String state, int code) {
    return new AvaticaClientRuntimeException(
        "Remote driver error: " + SENTENCE,
        code,
        state,
        AvaticaSeverity.ERROR,
        List.of(SENTENCE),
        null);
  }
}
