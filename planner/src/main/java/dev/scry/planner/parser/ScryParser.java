package dev.scry.planner.parser;

import dev.scry.planner.parser.impl.ScrySqlParserImpl;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * Entry point to Scry's SQL dialect: Calcite's grammar plus Scry's DDL, SHOW and DESCRIBE MODEL.
 * Identifiers keep the case they were written in (matching is case-insensitive, as in Spark SQL);
 * double quotes quote them.
 */
public final class ScryParser {
  /** Longest identifier accepted; Calcite's default of 128 is short for lake folder names. */
  public static final int IDENTIFIER_MAX_LENGTH = 256;

  private ScryParser() {}

  /** Parser configuration for Scry SQL; the validator should use the same casing rules. */
  public static SqlParser.Config config() {
    return SqlParser.config()
        .withParserFactory(ScrySqlParserImpl.FACTORY)
        .withUnquotedCasing(Casing.UNCHANGED)
        .withQuotedCasing(Casing.UNCHANGED)
        .withCaseSensitive(false)
        .withIdentifierMaxLength(IDENTIFIER_MAX_LENGTH)
        .withConformance(SqlConformanceEnum.DEFAULT);
  }

  /**
   * The grammar's keywords that SQL:2003 does not reserve, comma-separated, as JDBC's getSQLKeywords
   * gives them (a tool quotes identifiers that collide with them).
   */
  public static String jdbcKeywords() {
    return SqlParser.create("", config()).getMetadata().getJdbcKeywords();
  }

  /** Parses exactly one statement (a trailing semicolon is not allowed). */
  public static SqlNode parse(String sql) throws SqlParseException {
    return SqlParser.create(sql, config()).parseStmt();
  }

  /** Parses statements separated by semicolons. */
  public static SqlNodeList parseStatements(String sql) throws SqlParseException {
    return SqlParser.create(sql, config()).parseStmtList();
  }

  /**
   * Writes a parsed statement back as SQL that {@link #parse} reads to the same tree: identifiers in
   * double quotes, so their case and any reserved words survive.
   */
  public static String toSql(SqlNode node) {
    return node.toSqlString(c -> c.withDialect(CalciteSqlDialect.DEFAULT)).getSql();
  }
}
