package dev.scry.gateway.error;

import dev.scry.engine.storage.SparkTableWriter;
import dev.scry.engine.translate.RelationCachePolicy;
import dev.scry.planner.ErrorCode;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkThrowable;

/**
 * Spark's own errors carry a condition and a SQLSTATE ({@link SparkThrowable}). Those that are about
 * the data or the statement (division by zero, a malformed cast, overflow, a scalar sub-query with
 * more rows) keep Spark's SQLSTATE and the first sentence of its message; Spark's hints after it name
 * Spark settings and functions of Spark SQL, which a Scry user does not set or write.
 */
final class SparkErrors {
  private static final Pattern CONDITION_PREFIX = Pattern.compile("^\\[[A-Z0-9_.]+\\]\\s*");
  private static final Pattern SENTENCE_END = Pattern.compile("\\.\\s+(?=[A-Z`\"'])");

  /** Files or folders that could not be read: storage faults, whatever SQLSTATE Spark gives them. */
  private static final Pattern STORAGE_CONDITIONS =
      Pattern.compile("FAILED_READ_FILE.*|PATH_NOT_FOUND|TASK_WRITE_FAILED");

  /**
   * Scry raises an error inside Spark's plan (raise_error) for a scalar sub-query that returns more
   * than one row (SparkFunctionMap) and for a NULL written to a NOT NULL column (SparkTableWriter).
   */
  private static final String RAISED_BY_SCRY = "USER_RAISED_EXCEPTION";

  private static final Map<String, ErrorCode> BY_CLASS =
      Map.of(
          "22", ErrorCode.DATA,
          // Data source errors: files laid out in a way Spark cannot read as one table, for
          // instance.
          "KD", ErrorCode.DATA,
          "21", ErrorCode.CARDINALITY_VIOLATION,
          "0A", ErrorCode.NOT_SUPPORTED,
          "42", ErrorCode.SEMANTIC);

  private SparkErrors() {}

  static Optional<ClientError> describe(Throwable t) {
    if (!(t instanceof SparkThrowable spark)
        || spark.getCondition() == null
        || spark.getSqlState() == null) {
      return Optional.empty();
    }
    String state = spark.getSqlState();
    if (RAISED_BY_SCRY.equals(spark.getCondition())) {
      String sentence = firstSentence(t.getMessage());
      return Optional.of(
          new ClientError(
              sentence.startsWith(SparkTableWriter.NULL_IN_NOT_NULL_COLUMN)
                  ? ErrorCode.NOT_NULL_VIOLATION
                  : ErrorCode.CARDINALITY_VIOLATION,
              sentence));
    }
    Optional<ErrorCode> code =
        ErrorCode.ofSqlState(state)
            .or(
                () ->
                    Optional.ofNullable(
                        BY_CLASS.get(state.substring(0, Math.min(2, state.length())))));
    if (code.isEmpty() || code.get() == ErrorCode.INTERNAL) {
      return Optional.empty();
    }
    return Optional.of(new ClientError(code.get(), firstSentence(t.getMessage())));
  }

  /** Spark could not read or write a file: its path, and why when Spark says. */
  static Optional<ClientError> storage(Throwable t) {
    if (!(t instanceof SparkThrowable spark)
        || spark.getCondition() == null
        || !STORAGE_CONDITIONS.matcher(spark.getCondition()).matches()) {
      return Optional.empty();
    }
    String path = spark.getMessageParameters().get("path");
    if (path == null) {
      return Optional.of(new ClientError(ErrorCode.STORAGE, firstSentence(t.getMessage())));
    }
    return Optional.of(
        new ClientError(
            ErrorCode.STORAGE, "Cannot access '" + path + "': " + why(spark.getCondition())));
  }

  private static String why(String condition) {
    if (condition.endsWith("FILE_NOT_EXIST")) {
      return "the file does not exist (it was deleted or replaced after the table's folder was listed); run the"
          + " statement again once the listing has expired ("
          + RelationCachePolicy.TTL
          + ", "
          + RelationCachePolicy.DEFAULT_TTL
          + " by default)";
    }
    String what =
        condition.startsWith("FAILED_READ_FILE")
            ? "the storage could not serve it"
            : "the write failed";
    return what + "; the gateway's log has the details under the statement id";
  }

  static String firstSentence(String message) {
    String text = CONDITION_PREFIX.matcher(message == null ? "" : message).replaceFirst("");
    int newline = text.indexOf('\n');
    if (newline >= 0 && text.substring(0, newline).strip().endsWith(":")) {
      // A first line that announces a list (of folders, say): the list is the useful part.
      return text.replaceAll("\\s*SQLSTATE: \\w+\\s*$", "").replaceAll("\\s+", " ").strip();
    }
    if (newline >= 0) {
      text = text.substring(0, newline);
    }
    int state = text.indexOf(" SQLSTATE:");
    if (state >= 0) {
      text = text.substring(0, state);
    }
    Matcher end = SENTENCE_END.matcher(text);
    return end.find() ? text.substring(0, end.start() + 1) : text.strip();
  }
}
