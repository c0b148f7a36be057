package dev.scry.gateway.error;

import static org.apache.calcite.util.Static.RESOURCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.scry.engine.predict.ModelScoringException;
import dev.scry.planner.ErrorCode;
import dev.scry.planner.ScryException;
import java.net.ConnectException;
import org.apache.calcite.avatica.NoSuchConnectionException;
import org.apache.calcite.sql.SqlUtil;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.junit.jupiter.api.Test;

/** How failures from each layer become what a client is told (the end-to-end view is ErrorStatesTest). */
class ErrorClassifierTest {
  private final ErrorClassifier classifier = new ErrorClassifier();

  @Test
  void calciteValidationErrorsKeepTheirSentenceAndPosition() {
    ClientError column =
        classifier.classify(
            SqlUtil.newContextException(
                new SqlParserPos(2, 5, 2, 9), RESOURCE.columnNotFound("nosuchcol")));
    assertEquals(ErrorCode.COLUMN_NOT_FOUND, column.code());
    assertEquals("Column 'nosuchcol' not found in any table at line 2, column 5", column.message());

    ClientError table =
        classifier.classify(
            SqlUtil.newContextException(
                new SqlParserPos(1, 15, 1, 20), RESOURCE.objectNotFound("nope")));
    assertEquals(ErrorCode.TABLE_NOT_FOUND, table.code());

    ClientError other =
        classifier.classify(
            SqlUtil.newContextException(SqlParserPos.ZERO, RESOURCE.naturalDisallowsOnOrUsing()));
    assertEquals(ErrorCode.SEMANTIC, other.code());
  }

  @Test
  void theMostTellingErrorInTheChainWins() {
    // A task's scoring failure as Spark's job failure wraps it on the gateway.
    RuntimeException wrapped =
        new IllegalStateException(
            "Job aborted due to stage failure",
            new RuntimeException(
                "task failed",
                new ModelScoringException(
                    "Model iris_rf:1, input 'float_input'"
                        + " cannot take the value 'x' of column Species")));
    ClientError error = classifier.classify(wrapped);
    assertEquals(ErrorCode.DATA, error.code());
    assertEquals(
        "Model iris_rf:1, input 'float_input' cannot take the value 'x' of column Species",
        error.message());

    ScryException cancelled =
        new ScryException(
            ErrorCode.CANCELLED,
            "The statement was cancelled",
            new ConnectException("Connection refused"));
    assertEquals(ErrorCode.CANCELLED, classifier.classify(cancelled).code());
  }

  @Test
  void protocolAndResourceFailuresHaveTheirOwnStates() {
    assertEquals(
        ErrorCode.CONNECTION_NOT_OPEN,
        classifier.classify(new NoSuchConnectionException("c1")).code());
    assertEquals(ErrorCode.TOO_COMPLEX, classifier.classify(new StackOverflowError()).code());
  }

  @Test
  void anUnexpectedFailureIsInternalAndItsTextStaysInTheLog() {
    ClientError error =
        classifier.classify(
            new NullPointerException(
                "Cannot invoke \"String.length()\" because" + " \"s\" is null"));
    assertEquals(ErrorCode.INTERNAL, error.code());
    assertFalse(error.message().contains("String.length"), error.message());
    assertFalse(error.message().contains("NullPointer"), error.message());
  }

  @Test
  void sparkMessagesKeepTheirFirstSentenceOrTheirList() {
    assertEquals(
        "Division by zero.",
        SparkErrors.firstSentence(
            "[DIVIDE_BY_ZERO] Division by zero. Use `try_divide`"
                + " to tolerate divisor being 0 and return NULL instead. SQLSTATE: 22012\n== DataFrame ==\n..."));
    assertEquals(
        "Conflicting partition column names detected: list #0: part list #1: part, other Please check: "
            + "file:/t/part=9",
        SparkErrors.firstSentence(
            "[CONFLICTING_PARTITION_COLUMN_NAMES] Conflicting partition"
                + " column names detected:\n\n\tlist #0: part\n\tlist #1: part, other\n\nPlease check:\n\n\tfile:/t/part=9"
                + "\n SQLSTATE: KD009"));
  }

  @Test
  void aMessageIsOneLine() {
    assertEquals(
        "first line second line",
        new ClientError(ErrorCode.SEMANTIC, "first line\n  second line\n").message());
  }
}
