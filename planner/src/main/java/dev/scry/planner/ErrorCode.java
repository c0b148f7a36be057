package dev.scry.planner;

import java.util.Optional;

/**
 * The kinds of error a client can get, each with the SQLSTATE a JDBC tool reads and Scry's own vendor
 * code ({@code SQLException.getErrorCode()}). The table in docs/errors.md lists the same rows; a client
 * tells a typo (class 42) from bad data (22), an outage (08, 58) or a bug (XX) by the first two
 * characters.
 */
public enum ErrorCode {
  SYNTAX("42601", 1001),
  TABLE_NOT_FOUND("42S02", 1002),
  COLUMN_NOT_FOUND("42S22", 1003),
  SCHEMA_NOT_FOUND("3F000", 1004),
  ALREADY_EXISTS("42710", 1005),
  /** Any other error in what the statement asks for, PREDICT binding included. */
  SEMANTIC("42000", 1000),
  /** A value that is wrong for the operation: a model input that cannot take it, a bad literal. */
  DATA("22000", 2000),
  NUMERIC_OUT_OF_RANGE("22003", 2003),
  DIVISION_BY_ZERO("22012", 2012),
  INVALID_CAST("22018", 2018),
  INVALID_PARAMETER("22023", 2023),
  /** A NULL for a NOT NULL column, or an INSERT that leaves such a column out. */
  NOT_NULL_VIOLATION("23502", 2502),
  /** A scalar sub-query that returned more than one row. */
  CARDINALITY_VIOLATION("21000", 2100),
  AUTHENTICATION("28000", 2800),
  CONNECTION_NOT_OPEN("08003", 3003),
  CONNECTION_REJECTED("08004", 3004),
  /** A configured limit other than connections: statements per connection. */
  LIMIT_EXCEEDED("53400", 5340),
  /** The statement is nested too deeply, or too large, for the gateway to plan. */
  TOO_COMPLEX("54001", 5401),
  OUT_OF_MEMORY("53200", 5320),
  CANCELLED("57014", 5714),
  TIMEOUT("HYT00", 7000),
  /** Reading or writing the lake or a local folder failed (unreachable, refused, missing). */
  STORAGE("58030", 5830),
  NOT_SUPPORTED("0A000", 100),
  /**
   * A write lost to a concurrent one (another writer committed to a Delta table's log first in a way
   * this write cannot be put after): run the statement again.
   */
  SERIALIZATION_FAILURE("40001", 4001),
  INTERNAL("XX000", 9999);

  private final String sqlState;
  private final int vendorCode;

  ErrorCode(String sqlState, int vendorCode) {
    this.sqlState = sqlState;
    this.vendorCode = vendorCode;
  }

  public String sqlState() {
    return sqlState;
  }

  public int vendorCode() {
    return vendorCode;
  }

  /** The code whose SQLSTATE is {@code sqlState}, if Scry has one. */
  public static Optional<ErrorCode> ofSqlState(String sqlState) {
    for (ErrorCode code : values()) {
      if (code.sqlState.equals(sqlState)) {
        return Optional.of(code);
      }
    }
    return Optional.empty();
  }
}
