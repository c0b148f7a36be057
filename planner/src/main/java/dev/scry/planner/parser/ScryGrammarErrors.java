package dev.scry.planner.parser;

import dev.scry.planner.parser.ddl.ScryKeyedEntry;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.runtime.CalciteException;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Checks that Scry's grammar makes in Java because JavaCC alone cannot express them (a clause given
 * twice, a required clause missing, a key repeated). Called from the generated parser; each failure
 * is a {@link CalciteContextException}, which Calcite's parser turns into a {@code SqlParseException}
 * carrying the same position.
 */
public final class ScryGrammarErrors {
  private ScryGrammarErrors() {}

  /** Refuses CREATE OR REPLACE for statements that have no such form. */
  public static void rejectOrReplace(boolean replace, String statement, SqlParserPos pos) {
    if (replace) {
      throw at(pos, "OR REPLACE is not allowed with " + statement);
    }
  }

  /** CREATE OR REPLACE MODEL IF NOT EXISTS says two opposite things. */
  public static void rejectReplaceWithIfNotExists(
      boolean replace, boolean ifNotExists, SqlParserPos pos) {
    if (replace && ifNotExists) {
      throw at(pos, "OR REPLACE and IF NOT EXISTS cannot both be given");
    }
  }

  /** Returns {@code next}, unless the clause was already given ({@code earlier} not null). */
  public static <T> T once(T earlier, T next, String clause, SqlParserPos pos) {
    if (earlier != null) {
      throw at(pos, clause + " is given more than once");
    }
    return next;
  }

  /** Fails when a required clause is missing. */
  public static void require(Object value, String clause, String statement, SqlParserPos pos) {
    if (value == null) {
      throw at(pos, statement + " needs a " + clause + " clause");
    }
  }

  /** CREATE TABLE takes a column list (an empty table) or AS query (CTAS): exactly one of them. */
  public static void requireColumnsOrQuery(Object columns, Object query, SqlParserPos pos) {
    if (columns == null && query == null) {
      throw at(pos, "CREATE TABLE needs a column list ( name type, ... ) or AS query");
    }
    if (columns != null && query != null) {
      throw at(
          pos,
          "CREATE TABLE takes a column list or AS query, not both: AS query takes its columns"
              + " from the query");
    }
  }

  /** LOCATION places a table written from a query (a Delta table); an empty table takes none. */
  public static void requireQueryForLocation(Object location, Object query, SqlParserPos pos) {
    if (location != null && query == null) {
      throw at(
          pos,
          "LOCATION goes with CREATE TABLE … STORED AS DELTA AS query; to register files that are"
              + " already there, use CREATE EXTERNAL TABLE … LOCATION");
    }
  }

  /** Fails on the second occurrence of a key, compared case-insensitively like identifiers. */
  public static void checkDistinctKeys(List<SqlNode> entries) {
    Map<String, ScryKeyedEntry> seen = new HashMap<>();
    for (SqlNode node : entries) {
      ScryKeyedEntry entry = (ScryKeyedEntry) node;
      String folded = entry.keyName().toLowerCase(Locale.ROOT);
      if (seen.putIfAbsent(folded, entry) != null) {
        throw at(entry.key().getParserPosition(), "Duplicate key '" + entry.keyName() + "'");
      }
    }
  }

  /**
   * Checks a word the grammar takes as an identifier because it is no keyword, such as RUNTIME and ONNX
   * in the T-SQL PREDICT: it must be {@code expected} (case-insensitively).
   */
  public static void requireWord(SqlIdentifier word, String expected, String context) {
    if (!word.isSimple() || !word.getSimple().equalsIgnoreCase(expected)) {
      throw at(
          word.getParserPosition(),
          "Expected " + expected + " " + context + ", found '" + word + "'");
    }
  }

  private static CalciteContextException at(SqlParserPos pos, String message) {
    String located = message + " at line " + pos.getLineNum() + ", column " + pos.getColumnNum();
    return new CalciteContextException(
        located,
        new CalciteException(located, null),
        pos.getLineNum(),
        pos.getColumnNum(),
        pos.getEndLineNum(),
        pos.getEndColumnNum());
  }
}
