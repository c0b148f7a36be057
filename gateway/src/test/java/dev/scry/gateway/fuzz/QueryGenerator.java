package dev.scry.gateway.fuzz;

import dev.scry.gateway.fuzz.ExpressionGenerator.Ref;
import dev.scry.gateway.fuzz.FuzzTables.Column;
import dev.scry.gateway.fuzz.FuzzTables.Kind;
import dev.scry.gateway.fuzz.FuzzTables.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * SELECT statements over the small tables: projections and filters, joins, aggregates with GROUP BY,
 * HAVING and grouping sets, window functions, set operations, derived tables, WITH and VALUES, with
 * sub-queries inside expressions. Tables are tiny and joins have conditions, so a query that runs is cheap.
 */
final class QueryGenerator implements ExpressionGenerator.SubQueries {
  private final Pick pick;
  private final ExpressionGenerator expressions;
  private int nesting;

  QueryGenerator(Pick pick) {
    this.pick = pick;
    this.expressions = new ExpressionGenerator(pick, this);
  }

  ExpressionGenerator expressions() {
    return expressions;
  }

  String query() {
    return pick.anyOf(
        this::select,
        this::select,
        this::aggregate,
        this::window,
        this::join,
        this::setOperation,
        this::derived,
        this::values,
        this::unusual);
  }

  /** Columns of {@code table} as {@code alias.column}. */
  static List<Ref> scope(Table table, String alias) {
    return table.columns().stream().map(c -> new Ref(alias + "." + c.name(), c.kind())).toList();
  }

  String select() {
    Table table = pick.oneOf(FuzzTables.QUERIED);
    List<Ref> scope = scope(table, "t");
    StringBuilder sql = new StringBuilder("SELECT ").append(pick.chance(0.1) ? "DISTINCT " : "");
    sql.append(pick.chance(0.15) ? "*" : selectList(scope, pick.between(1, 4)));
    sql.append(" FROM ").append(table.name()).append(" AS t");
    if (pick.chance(0.6)) {
      sql.append(" WHERE ").append(expressions.of(Kind.BOOL, scope));
    }
    if (pick.chance(0.4)) {
      sql.append(" ORDER BY ")
          .append(pick.oneOf(scope).sql())
          .append(pick.oneOf("", " ASC", " DESC NULLS FIRST"));
    }
    sql.append(pick.oneOf("", "", " LIMIT 5", " LIMIT 2 OFFSET 1", " FETCH FIRST 3 ROWS ONLY"));
    return sql.toString();
  }

  String aggregate() {
    Table table = pick.oneOf(FuzzTables.QUERIED);
    List<Ref> scope = scope(table, "t");
    List<Ref> groupable = scope.stream().filter(r -> r.kind() != Kind.ARRAY).toList();
    Ref key = pick.oneOf(groupable);
    List<Ref> numbers = scope.stream().filter(r -> r.kind() == Kind.NUMBER).toList();
    String number = numbers.isEmpty() ? "1" : pick.oneOf(numbers).sql();
    String aggregate =
        pick.oneOf(
            "COUNT(*)",
            "SUM(" + number + ")",
            "AVG(" + number + ")",
            "MIN(" + key.sql() + ")",
            "MAX(" + number + ")",
            "COUNT(DISTINCT " + key.sql() + ")",
            "STDDEV_SAMP(" + number + ")",
            "VAR_POP(" + number + ")",
            "ANY_VALUE(" + key.sql() + ")",
            "COUNT(*) FILTER (WHERE " + expressions.of(Kind.BOOL, scope) + ")");
    String grouping =
        pick.oneOf(
            "GROUP BY " + key.sql(),
            "GROUP BY ROLLUP(" + key.sql() + ")",
            "GROUP BY CUBE(" + key.sql() + ")",
            "GROUP BY GROUPING SETS ((" + key.sql() + "), ())");
    String having = pick.chance(0.3) ? " HAVING COUNT(*) > " + pick.oneOf("0", "1", "2") : "";
    return "SELECT "
        + key.sql()
        + ", "
        + aggregate
        + " AS agg FROM "
        + table.name()
        + " AS t "
        + (pick.chance(0.3) ? "WHERE " + expressions.of(Kind.BOOL, scope) + " " : "")
        + grouping
        + having
        + (pick.chance(0.3) ? " ORDER BY agg" : "");
  }

  String window() {
    Table table = pick.oneOf(FuzzTables.QUERIED);
    List<Ref> scope = scope(table, "t");
    List<Ref> sortable = scope.stream().filter(r -> r.kind() != Kind.ARRAY).toList();
    List<Ref> numbers = scope.stream().filter(r -> r.kind() == Kind.NUMBER).toList();
    String number = numbers.isEmpty() ? "1" : pick.oneOf(numbers).sql();
    String function =
        pick.oneOf(
            "ROW_NUMBER()",
            "RANK()",
            "DENSE_RANK()",
            "PERCENT_RANK()",
            "CUME_DIST()",
            "NTILE(2)",
            "LAG(" + number + ", 1)",
            "LEAD(" + number + ", 1, 0)",
            "FIRST_VALUE(" + number + ")",
            "SUM(" + number + ")",
            "COUNT(*)",
            "AVG(" + number + ")",
            "MAX(" + number + ")");
    String partition = pick.chance(0.6) ? "PARTITION BY " + pick.oneOf(sortable).sql() + " " : "";
    String order = "ORDER BY " + pick.oneOf(sortable).sql() + pick.oneOf("", " DESC");
    String frame =
        pick.oneOf(
            "",
            "",
            " ROWS BETWEEN 1 PRECEDING AND CURRENT ROW",
            " ROWS BETWEEN UNBOUNDED PRECEDING AND 1 FOLLOWING",
            " RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW");
    return "SELECT "
        + pick.oneOf(sortable).sql()
        + ", "
        + function
        + " OVER ("
        + partition
        + order
        + frame
        + ") AS w FROM "
        + table.name()
        + " AS t";
  }

  String join() {
    String kind =
        pick.oneOf("JOIN", "INNER JOIN", "LEFT JOIN", "RIGHT JOIN", "FULL JOIN", "LEFT OUTER JOIN");
    return pick.anyOf(
        () -> {
          List<Ref> scope = new ArrayList<>(scope(FuzzTables.EMP, "e"));
          scope.addAll(scope(FuzzTables.DEPT, "d"));
          return "SELECT "
              + selectList(scope, pick.between(1, 3))
              + " FROM emp AS e "
              + kind
              + " dept AS d ON e.deptno = d.deptno"
              + where(scope);
        },
        () -> {
          List<Ref> scope = new ArrayList<>(scope(FuzzTables.ALLTYPES, "a"));
          scope.addAll(scope(FuzzTables.EMP, "e"));
          return "SELECT "
              + selectList(scope, pick.between(1, 3))
              + " FROM alltypes AS a "
              + kind
              + " emp AS e ON a.id = e.empno"
              + where(scope);
        },
        () ->
            "SELECT COUNT(*) FROM emp AS e CROSS JOIN dept AS d"
                + where(scope(FuzzTables.EMP, "e")));
  }

  String setOperation() {
    Kind kind = pick.oneOf(Kind.NUMBER, Kind.TEXT, Kind.DATE);
    String operator =
        pick.oneOf("UNION", "UNION ALL", "INTERSECT", "EXCEPT", "INTERSECT ALL", "EXCEPT ALL");
    return singleColumn(kind) + " " + operator + " " + singleColumn(kind);
  }

  String derived() {
    Table table = pick.oneOf(FuzzTables.QUERIED);
    List<Column> columns = table.columns().subList(0, Math.min(3, table.columns().size()));
    String inner =
        "SELECT "
            + columns.stream().map(c -> "t." + c.name()).collect(Collectors.joining(", "))
            + " FROM "
            + table.name()
            + " AS t"
            + where(scope(table, "t"));
    List<Ref> outer = columns.stream().map(c -> new Ref("s." + c.name(), c.kind())).toList();
    String body = "SELECT " + selectList(outer, pick.between(1, 2)) + " FROM ";
    return pick.chance(0.5)
        ? body + "(" + inner + ") AS s" + where(outer)
        : "WITH s AS (" + inner + ") " + body + "s" + where(outer);
  }

  String values() {
    return pick.oneOf(
        "VALUES 1, 2, 3",
        "VALUES (1, 'a'), (2, NULL)",
        "SELECT x, y FROM (VALUES (1, 'a'), (2, 'b')) AS v(x, y)" + pick.oneOf("", " WHERE x > 1"),
        "SELECT 1",
        "SELECT 7 / 2, MOD(7, 3), -0.0");
  }

  /**
   * Constructs the other productions do not make, many of them refused by Scry or Spark: UNNEST, LATERAL,
   * TABLESAMPLE, NATURAL and USING joins, named windows, nested aggregates, TIME and INTERVAL values,
   * MAP and ROW constructors, functions Scry does not map, ordinals out of range, mismatched VALUES.
   */
  String unusual() {
    String number = pick.oneOf("t.i", "t.d", "t.dbl", "t.ti", "t.r");
    String text = pick.oneOf("t.v", "t.c");
    return pick.oneOf(
        "SELECT t.id, u.x FROM alltypes AS t CROSS JOIN UNNEST(t.arr) AS u(x)",
        "SELECT x FROM UNNEST(ARRAY[1, 2, 3]) AS u(x)",
        "SELECT e.name, l.n FROM emp AS e,"
            + " LATERAL (SELECT COUNT(*) AS n FROM dept AS d WHERE d.deptno = e.deptno) AS l",
        "SELECT * FROM emp TABLESAMPLE BERNOULLI(50)",
        "SELECT * FROM emp NATURAL JOIN dept",
        "SELECT deptno, name, dname FROM emp JOIN dept USING (deptno)",
        "SELECT name, SUM(salary) OVER w FROM emp WINDOW w AS (PARTITION BY deptno ORDER BY empno)",
        "SELECT SUM(COUNT(*)) FROM emp GROUP BY deptno",
        "SELECT deptno, GROUPING(deptno), COUNT(*) FROM emp GROUP BY ROLLUP(deptno)",
        "SELECT GROUPING(name) FROM emp",
        "SELECT TIME '12:34:56', CURRENT_TIME",
        "SELECT " + number + " + INTERVAL '1' DAY FROM alltypes AS t",
        "SELECT t.ts - t.dt, t.dt - DATE '2000-01-01' FROM alltypes AS t",
        "SELECT (t.ts - TIMESTAMP '2000-01-01 00:00:00') DAY TO SECOND FROM alltypes AS t",
        "SELECT MAP['a', " + number + "] FROM alltypes AS t",
        "SELECT ROW(" + number + ", " + text + ") FROM alltypes AS t",
        "SELECT "
            + pick.oneOf(
                "LPAD",
                "RPAD",
                "REVERSE",
                "MD5",
                "SHA1",
                "SOUNDEX",
                "ASCII",
                "CHR",
                "REPEAT",
                "LEFT",
                "RIGHT",
                "TRUNCATE",
                "ATAN2",
                "CBRT",
                "COT",
                "DEGREES",
                "RAND",
                "REGEXP_REPLACE",
                "JSON_VALUE")
            + "("
            + pick.oneOf(text, number, text + ", 2", number + ", 2", text + ", 'a', 'b'")
            + ") FROM alltypes AS t",
        "SELECT "
            + pick.oneOf(
                "APPROX_COUNT_DISTINCT",
                "COLLECT",
                "BIT_AND",
                "EVERY",
                "SOME",
                "LISTAGG",
                "ARRAY_AGG",
                "MODE",
                "REGR_COUNT",
                "COVAR_POP")
            + "("
            + pick.oneOf(number, text, "t.b")
            + ") FROM alltypes AS t",
        "SELECT "
            + number
            + " FROM alltypes AS t ORDER BY "
            + pick.oneOf("0", "2", "99", "-1", "1 + 1", "'a'", "NULL"),
        "SELECT * FROM (VALUES (1, 'a'), (2)) AS v(x, y)",
        "SELECT * FROM (VALUES (1, 'a'), ('b', 2)) AS v(x, y)",
        "SELECT *, * FROM dept",
        "SELECT q.* FROM dept AS t",
        "SELECT t.arr["
            + pick.oneOf("t.i", "NULL", "1.5", "'1'", "-1", "2147483648")
            + "] FROM alltypes AS t",
        "SELECT CAST(t.arr AS "
            + pick.oneOf("VARCHAR", "INTEGER ARRAY", "DOUBLE ARRAY", "VARCHAR ARRAY", "INTEGER")
            + ") FROM alltypes AS t",
        "SELECT CAST("
            + pick.oneOf(number, text, "t.ts", "t.b")
            + " AS "
            + pick.oneOf(
                "TIME",
                "BINARY",
                "VARBINARY",
                "INTERVAL DAY",
                "CHAR(3)",
                "DECIMAL(3, 5)",
                "DECIMAL(40, 2)",
                "TIMESTAMP(9)",
                "BOOLEAN",
                "FLOAT")
            + ") FROM alltypes AS t",
        "SELECT "
            + number
            + " / 0, MOD("
            + number
            + ", 0), "
            + number
            + " * 1e308 FROM alltypes AS t",
        "SELECT COUNT(*) FROM alltypes AS t WHERE " + text + " SIMILAR TO 'a%'",
        "SELECT * FROM alltypes AS t WHERE (t.i, t.v) IN (SELECT empno, name FROM emp)",
        "SELECT * FROM alltypes AS t WHERE t.i > ALL (SELECT empno FROM emp)",
        "SELECT (SELECT empno FROM emp WHERE empno = t.id), (SELECT 1, 2) FROM alltypes AS t",
        "WITH RECURSIVE r(n) AS (VALUES 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT * FROM r",
        "SELECT DISTINCT ON (deptno) name FROM emp",
        "SELECT name FROM emp GROUP BY deptno",
        "SELECT deptno, COUNT(*) FROM emp GROUP BY 1",
        "SELECT ROW_NUMBER() OVER () FROM emp WHERE ROW_NUMBER() OVER () > 1",
        "SELECT "
            + number
            + " FROM alltypes AS t FETCH FIRST "
            + pick.oneOf("0", "2147483647", "2147483648")
            + " ROWS ONLY",
        "SELECT CURRENT_SCHEMA, CURRENT_USER, USER, SESSION_USER, LOCALTIMESTAMP");
  }

  @Override
  public String column(Kind kind) {
    if (++nesting > 2) {
      nesting--;
      return "(" + expressions.literal(kind) + ")";
    }
    try {
      return "(" + singleColumn(kind) + ")";
    } finally {
      nesting--;
    }
  }

  @Override
  public String correlated(List<Ref> scope) {
    List<Ref> numbers = scope.stream().filter(r -> r.kind() == Kind.NUMBER).toList();
    String condition = numbers.isEmpty() ? "" : " WHERE e2.deptno = " + pick.oneOf(numbers).sql();
    return "(SELECT 1 FROM emp AS e2" + condition + ")";
  }

  private String singleColumn(Kind kind) {
    List<Table> having = FuzzTables.QUERIED.stream().filter(t -> !t.of(kind).isEmpty()).toList();
    Table table = pick.oneOf(having);
    String alias = "q" + nesting;
    List<Ref> scope = scope(table, alias);
    return "SELECT "
        + alias
        + "."
        + pick.oneOf(table.of(kind)).name()
        + " FROM "
        + table.name()
        + " AS "
        + alias
        + (pick.chance(0.3) ? " WHERE " + expressions.of(Kind.BOOL, scope) : "");
  }

  private String where(List<Ref> scope) {
    return pick.chance(0.5) ? " WHERE " + expressions.of(Kind.BOOL, scope) : "";
  }

  String selectList(List<Ref> scope, int items) {
    List<String> list = new ArrayList<>();
    for (int i = 0; i < items; i++) {
      Kind kind = pick.chance(0.5) ? pick.oneOf(scope).kind() : pick.oneOf(Kind.values());
      list.add(expressions.of(kind, scope) + " AS c" + i);
    }
    return String.join(", ", list);
  }
}
