package dev.scry.gateway.fuzz;

import dev.scry.gateway.fuzz.FuzzTables.Kind;
import java.util.List;

/**
 * Expressions of a given kind over the columns in scope: literals, operators, CASE, casts, functions,
 * and (through {@link SubQueries}) sub-queries. Mostly well typed, so that the statements reach the
 * planner and the engine rather than all failing in the validator; the mutator breaks them afterwards.
 */
final class ExpressionGenerator {
  /** A column reference as the query writes it ({@code e.name}) and its kind. */
  record Ref(String sql, Kind kind) {}

  /** What an expression may nest: provided by the query generator. */
  interface SubQueries {
    /** A parenthesized query returning one column of {@code kind} (maybe several rows). */
    String column(Kind kind);

    /** A parenthesized query for EXISTS, possibly correlated with {@code scope}. */
    String correlated(List<Ref> scope);
  }

  private static final int MAX_DEPTH = 3;

  private final Pick pick;
  private final SubQueries subQueries;

  ExpressionGenerator(Pick pick, SubQueries subQueries) {
    this.pick = pick;
    this.subQueries = subQueries;
  }

  String of(Kind kind, List<Ref> scope) {
    return of(kind, scope, 0);
  }

  private String of(Kind kind, List<Ref> scope, int depth) {
    List<Ref> columns = scope.stream().filter(r -> r.kind() == kind).toList();
    if (!columns.isEmpty() && (depth >= MAX_DEPTH || pick.chance(0.45))) {
      return pick.oneOf(columns).sql();
    }
    if (depth >= MAX_DEPTH || pick.chance(0.15)) {
      return literal(kind);
    }
    int next = depth + 1;
    return switch (kind) {
      case NUMBER -> number(scope, next);
      case TEXT -> text(scope, next);
      case BOOL -> bool(scope, next);
      case DATE -> date(scope, next);
      case TIMESTAMP -> timestamp(scope, next);
      case ARRAY ->
          "ARRAY[" + of(Kind.NUMBER, scope, next) + ", " + of(Kind.NUMBER, scope, next) + "]";
    };
  }

  String literal(Kind kind) {
    return switch (kind) {
      case NUMBER ->
          pick.oneOf(
              "0",
              "1",
              "2",
              "-3",
              "42",
              "2.5",
              "0.001",
              "1e3",
              "-7.25",
              "CAST(NULL AS INTEGER)",
              "9223372036854775807",
              "127");
      case TEXT ->
          pick.oneOf(
              "'a'",
              "''",
              "'setosa'",
              "'Sales'",
              "'hello'",
              "'x''y'",
              "'  pad '",
              "CAST(NULL AS VARCHAR)",
              "'%e%'");
      case BOOL -> pick.oneOf("TRUE", "FALSE", "CAST(NULL AS BOOLEAN)");
      case DATE ->
          pick.oneOf("DATE '2020-01-31'", "DATE '1999-12-31'", "CURRENT_DATE", "DATE '2024-02-29'");
      case TIMESTAMP ->
          pick.oneOf(
              "TIMESTAMP '2020-01-31 10:20:30'",
              "CURRENT_TIMESTAMP",
              "TIMESTAMP '1999-12-31 23:59:59.123'");
      case ARRAY ->
          pick.oneOf("ARRAY[1, 2, 3]", "ARRAY[1.5, 2.5]", "ARRAY[CAST(NULL AS INTEGER), 5]");
    };
  }

  private String number(List<Ref> scope, int depth) {
    return pick.anyOf(
        () ->
            of(Kind.NUMBER, scope, depth)
                + " "
                + pick.oneOf("+", "-", "*", "/")
                + " "
                + of(Kind.NUMBER, scope, depth),
        () -> "MOD(" + of(Kind.NUMBER, scope, depth) + ", " + pick.oneOf("2", "3", "7") + ")",
        () ->
            pick.oneOf("ABS", "FLOOR", "CEIL", "SIGN", "SQRT", "EXP", "LN", "LOG10", "SIN", "COS")
                + "("
                + of(Kind.NUMBER, scope, depth)
                + ")",
        () ->
            "ROUND(" + of(Kind.NUMBER, scope, depth) + ", " + pick.oneOf("0", "1", "2", "-1") + ")",
        () -> "POWER(" + of(Kind.NUMBER, scope, depth) + ", " + pick.oneOf("2", "0.5", "3") + ")",
        () ->
            "CAST("
                + of(pick.oneOf(Kind.NUMBER, Kind.TEXT), scope, depth)
                + " AS "
                + numericType()
                + ")",
        () -> "CHAR_LENGTH(" + of(Kind.TEXT, scope, depth) + ")",
        () -> "POSITION(" + literal(Kind.TEXT) + " IN " + of(Kind.TEXT, scope, depth) + ")",
        () ->
            "EXTRACT("
                + pick.oneOf("YEAR", "MONTH", "DAY", "DOW", "QUARTER")
                + " FROM "
                + of(Kind.DATE, scope, depth)
                + ")",
        () ->
            "EXTRACT("
                + pick.oneOf("HOUR", "MINUTE", "SECOND")
                + " FROM "
                + of(Kind.TIMESTAMP, scope, depth)
                + ")",
        () -> "CARDINALITY(" + of(Kind.ARRAY, scope, depth) + ")",
        () -> of(Kind.ARRAY, scope, depth) + "[" + pick.oneOf("1", "2", "3", "0") + "]",
        () ->
            "COALESCE("
                + of(Kind.NUMBER, scope, depth)
                + ", "
                + of(Kind.NUMBER, scope, depth)
                + ")",
        () -> "NULLIF(" + of(Kind.NUMBER, scope, depth) + ", " + literal(Kind.NUMBER) + ")",
        () -> caseOf(Kind.NUMBER, scope, depth),
        () ->
            pick.chance(0.3)
                ? subQueries.column(Kind.NUMBER)
                : "-" + of(Kind.NUMBER, scope, depth));
  }

  private String text(List<Ref> scope, int depth) {
    return pick.anyOf(
        () ->
            pick.oneOf("UPPER", "LOWER", "INITCAP", "TRIM")
                + "("
                + of(Kind.TEXT, scope, depth)
                + ")",
        () -> of(Kind.TEXT, scope, depth) + " || " + of(Kind.TEXT, scope, depth),
        () ->
            "SUBSTRING("
                + of(Kind.TEXT, scope, depth)
                + " FROM "
                + pick.oneOf("1", "2", "0", "-1")
                + (pick.chance(0.5) ? " FOR " + pick.oneOf("1", "3") : "")
                + ")",
        () -> "REPLACE(" + of(Kind.TEXT, scope, depth) + ", 'a', 'b')",
        () ->
            "TRIM("
                + pick.oneOf("BOTH", "LEADING", "TRAILING")
                + " ' ' FROM "
                + of(Kind.TEXT, scope, depth)
                + ")",
        () ->
            "CAST("
                + of(pick.oneOf(Kind.NUMBER, Kind.DATE, Kind.BOOL), scope, depth)
                + " AS VARCHAR"
                + pick.oneOf("", "(10)")
                + ")",
        () -> "COALESCE(" + of(Kind.TEXT, scope, depth) + ", " + literal(Kind.TEXT) + ")",
        () -> caseOf(Kind.TEXT, scope, depth));
  }

  private String bool(List<Ref> scope, int depth) {
    Kind compared = pick.oneOf(Kind.NUMBER, Kind.NUMBER, Kind.TEXT, Kind.DATE);
    return pick.anyOf(
        () ->
            of(compared, scope, depth)
                + " "
                + pick.oneOf("=", "<>", "<", "<=", ">", ">=")
                + " "
                + of(compared, scope, depth),
        () ->
            of(Kind.BOOL, scope, depth)
                + " "
                + pick.oneOf("AND", "OR")
                + " "
                + of(Kind.BOOL, scope, depth),
        () -> "NOT " + of(Kind.BOOL, scope, depth),
        () -> of(pick.oneOf(Kind.values()), scope, depth) + pick.oneOf(" IS NULL", " IS NOT NULL"),
        () ->
            of(Kind.NUMBER, scope, depth)
                + " BETWEEN "
                + literal(Kind.NUMBER)
                + " AND "
                + literal(Kind.NUMBER),
        () -> of(Kind.NUMBER, scope, depth) + pick.oneOf(" IN ", " NOT IN ") + "(1, 2, 10, NULL)",
        () ->
            of(Kind.TEXT, scope, depth)
                + pick.oneOf(" LIKE ", " NOT LIKE ")
                + pick.oneOf("'%a%'", "'S_les'", "'%'"),
        () ->
            of(Kind.NUMBER, scope, depth)
                + pick.oneOf(" IN ", " NOT IN ")
                + subQueries.column(Kind.NUMBER),
        () -> pick.oneOf("EXISTS ", "NOT EXISTS ") + subQueries.correlated(scope));
  }

  private String date(List<Ref> scope, int depth) {
    return pick.anyOf(
        () ->
            of(Kind.DATE, scope, depth)
                + pick.oneOf(" + ", " - ")
                + "INTERVAL '"
                + pick.between(1, 40)
                + "' "
                + pick.oneOf("DAY", "MONTH", "YEAR"),
        () -> "CAST(" + of(pick.oneOf(Kind.TIMESTAMP, Kind.TEXT), scope, depth) + " AS DATE)",
        () -> caseOf(Kind.DATE, scope, depth));
  }

  private String timestamp(List<Ref> scope, int depth) {
    return pick.anyOf(
        () ->
            of(Kind.TIMESTAMP, scope, depth)
                + " + INTERVAL '"
                + pick.between(1, 30)
                + "' "
                + pick.oneOf("HOUR", "MINUTE", "DAY"),
        () ->
            "FLOOR("
                + of(Kind.TIMESTAMP, scope, depth)
                + " TO "
                + pick.oneOf("DAY", "HOUR", "MONTH")
                + ")",
        () -> "CAST(" + of(Kind.DATE, scope, depth) + " AS TIMESTAMP)");
  }

  private String caseOf(Kind kind, List<Ref> scope, int depth) {
    String otherwise = pick.chance(0.7) ? " ELSE " + of(kind, scope, depth) : "";
    return "CASE WHEN "
        + of(Kind.BOOL, scope, depth)
        + " THEN "
        + of(kind, scope, depth)
        + otherwise
        + " END";
  }

  String numericType() {
    return pick.oneOf(
        "TINYINT",
        "SMALLINT",
        "INTEGER",
        "BIGINT",
        "DOUBLE",
        "REAL",
        "DECIMAL(10, 2)",
        "DECIMAL(38, 0)");
  }
}
