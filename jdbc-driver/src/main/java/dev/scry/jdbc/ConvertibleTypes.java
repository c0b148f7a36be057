package dev.scry.jdbc;

import java.sql.Types;
import java.util.Set;

/**
 * Which JDBC types the gateway converts into which, for {@code supportsConvert(from, to)}: what Spark's
 * CAST does with the types Scry's SQL has. Numbers convert among themselves; everything converts to and
 * from text (text that does not spell a value of the target type fails at run time, as in Spark); dates
 * and timestamps into each other; numbers into timestamps (seconds since 1970, as Spark reads them).
 * Booleans convert only to and from text; numbers never become dates.
 */
final class ConvertibleTypes {
  private static final Set<Integer> NUMBERS =
      Set.of(
          Types.TINYINT,
          Types.SMALLINT,
          Types.INTEGER,
          Types.BIGINT,
          Types.REAL,
          Types.FLOAT,
          Types.DOUBLE,
          Types.DECIMAL,
          Types.NUMERIC);
  private static final Set<Integer> BOOLEANS = Set.of(Types.BOOLEAN, Types.BIT);
  private static final Set<Integer> TEXT = Set.of(Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR);
  private static final Set<Integer> TIMES = Set.of(Types.DATE, Types.TIMESTAMP);

  private ConvertibleTypes() {}

  static boolean convertible(int from, int to) {
    if (!known(from) || !known(to)) {
      return false;
    }
    return TEXT.contains(from)
        || TEXT.contains(to)
        || NUMBERS.contains(from) && NUMBERS.contains(to)
        || TIMES.contains(from) && TIMES.contains(to)
        || NUMBERS.contains(from) && to == Types.TIMESTAMP;
  }

  private static boolean known(int type) {
    return NUMBERS.contains(type)
        || TEXT.contains(type)
        || TIMES.contains(type)
        || BOOLEANS.contains(type);
  }
}
