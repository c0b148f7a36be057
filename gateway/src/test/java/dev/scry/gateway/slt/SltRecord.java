package dev.scry.gateway.slt;

import java.util.List;
import java.util.Objects;

/** One record of a sqllogictest script: a statement, or a query with its expected result. */
sealed interface SltRecord {
  /** The line of the script the record starts on. */
  int line();

  String sql();

  /** {@code statement ok} or {@code statement error}. */
  record Statement(int line, String sql, boolean expectError) implements SltRecord {
    public Statement {
      Objects.requireNonNull(sql, "sql");
    }
  }

  /**
   * {@code query <types> <sort> [label]}: {@code types} has one of I, R, T per column; the result is
   * either {@code values} (one rendered value per line of the script) or {@code hashedCount} values
   * whose MD5 is {@code hash}.
   */
  record Query(
      int line,
      String sql,
      String types,
      SltSort sort,
      List<String> values,
      int hashedCount,
      String hash)
      implements SltRecord {
    public Query {
      Objects.requireNonNull(sql, "sql");
      Objects.requireNonNull(types, "types");
      Objects.requireNonNull(sort, "sort");
      values = List.copyOf(values);
    }

    boolean hashed() {
      return hash != null;
    }
  }
}
