package dev.scry.gateway.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * Breaks generated statements the ways people and programs do: tokens dropped, doubled, swapped or
 * cut off, literals of the wrong type, NULLs, unknown names, keywords in odd places, unbalanced
 * parentheses, unterminated quotes, huge numbers, division by zero, impossible casts, parameters
 * nobody binds, and statements that are empty, only a comment, or two in one.
 */
final class StatementMutator {
  /** One named mutation of a token list (which it may change in place) into SQL. */
  private record Mutation(String name, BiFunction<Pick, List<String>, List<String>> apply) {}

  private static final String[] KEYWORDS = {
    "SELECT",
    "FROM",
    "WHERE",
    "EXISTS",
    "NULL",
    "DISTINCT",
    "TABLE",
    "PREDICT",
    "MODEL",
    "DATA",
    "OVER",
    "CASE",
    "END",
    "ORDER BY",
    "GROUP BY",
    "AS",
    "INTERVAL",
    "ARRAY",
    "UNNEST",
    "LATERAL",
    "CURSOR",
    "NOT",
    "IN",
    "ALL",
    "ANY",
    "JOIN",
    "ON",
    "WITH",
    "VALUES",
    "DEFAULT",
    "MULTISET",
    "ROW",
    "MATCH_RECOGNIZE",
    "TABLESAMPLE",
    "FOR SYSTEM_TIME AS OF",
    "EXPLAIN PLAN FOR",
    "*",
    "?"
  };

  private static final String[] ODD_VALUES = {
    "NULL",
    "'abc'",
    "TRUE",
    "DATE '2020-13-45'",
    "TIMESTAMP 'x'",
    "ARRAY[]",
    "ARRAY[1, 'a']",
    "X'0F'",
    "INTERVAL '1' DAY",
    "(SELECT 1, 2)",
    "(VALUES 1, 2)",
    "''",
    "-",
    "CAST('abc' AS INTEGER)",
    "CAST('2020-02-30' AS DATE)",
    "CAST(1 AS NO_SUCH_TYPE)",
    "CAST(ARRAY[1] AS INTEGER)",
    "CAST(TRUE AS DATE)",
    "CAST(-1 AS TINYINT)",
    "CAST(300 AS TINYINT)",
    "CAST('1e999' AS DOUBLE)",
    "1 / 0",
    "MOD(1, 0)",
    "1.0 / 0",
    "0 / 0.0",
    "99999999999999999999999999999999999999999",
    "1e400",
    "-9223372036854775809",
    "9223372036854775807 + 1",
    "POWER(10, 400)",
    "SQRT(-1)",
    "LN(0)",
    "'\u00e9\u4e2d\ud83d\ude00'",
    "?",
    "TIME '25:00:00'",
    "INTERVAL '1' YEAR",
    "MAP['a', 1]",
    "ROW(1, 'a')",
    "CURRENT_TIME",
    "MULTISET[1]",
    "CAST('x' AS VARBINARY)",
    "CAST(1 AS INTERVAL DAY)",
    "DATE '2020-01-01' - DATE '2019-01-01'",
    "NULL IS NULL",
    "no_such_column",
    "no_such_table.x",
    "NO_SUCH_FUNCTION(1)",
    "\"\"",
    "e.no_such"
  };

  /** Mutations that mostly break the syntax: the parser's errors. */
  private static final List<Mutation> SYNTACTIC =
      List.of(
          new Mutation(
              "drop",
              (pick, tokens) -> {
                tokens.remove(pick.below(tokens.size()));
                return tokens;
              }),
          new Mutation(
              "duplicate",
              (pick, tokens) -> {
                int at = pick.below(tokens.size());
                tokens.add(at, tokens.get(at));
                return tokens;
              }),
          new Mutation(
              "swap",
              (pick, tokens) -> {
                int a = pick.below(tokens.size());
                int b =
                    pick.chance(0.5)
                        ? Math.min(a + 1, tokens.size() - 1)
                        : pick.below(tokens.size());
                String first = tokens.get(a);
                tokens.set(a, tokens.get(b));
                tokens.set(b, first);
                return tokens;
              }),
          new Mutation(
              "truncate",
              (pick, tokens) -> new ArrayList<>(tokens.subList(0, pick.below(tokens.size()) + 1))),
          new Mutation(
              "keyword",
              (pick, tokens) -> {
                // Before a name half the time: ORDER BY EXISTS col, SELECT DISTINCT NULL x …
                int name = indexWhere(pick, tokens, SqlTokens::isName);
                tokens.add(
                    name >= 0 && pick.chance(0.5) ? name : pick.below(tokens.size() + 1),
                    pick.oneOf(KEYWORDS));
                return tokens;
              }),
          new Mutation(
              "parenthesis",
              (pick, tokens) -> {
                int paren = indexWhere(pick, tokens, t -> t.equals("(") || t.equals(")"));
                if (paren >= 0 && pick.chance(0.6)) {
                  tokens.remove(paren);
                } else {
                  tokens.add(pick.below(tokens.size() + 1), pick.oneOf("(", ")", "((", "))"));
                }
                return tokens;
              }),
          new Mutation(
              "quote",
              (pick, tokens) -> {
                int quoted = indexWhere(pick, tokens, t -> t.startsWith("'") || t.startsWith("\""));
                if (quoted >= 0) {
                  String token = tokens.get(quoted);
                  if (token.length() > 1) {
                    tokens.set(quoted, token.substring(0, token.length() - 1));
                  } else {
                    tokens.remove(quoted);
                  }
                } else {
                  tokens.add(
                      pick.below(tokens.size() + 1),
                      pick.oneOf("'", "\"", "`", "/*", "--", ";", "\\", "$1", "@x"));
                }
                return tokens;
              }),
          new Mutation(
              "operator",
              (pick, tokens) ->
                  replaceWhere(
                      pick,
                      tokens,
                      t -> "+-*/=<>,".contains(t) || t.equals("=>") || t.equals("||"),
                      pick.oneOf(
                          "/ 0 /", "=>", "==", "%", "^", "||", ",", ", ,", "AND", "->", "::"))));

  /** Mutations that mostly keep the statement parseable: they reach the validator, PREDICT binding and Spark. */
  private static final List<Mutation> SEMANTIC =
      List.of(
          new Mutation(
              "value",
              (pick, tokens) ->
                  replaceWhere(
                      pick,
                      tokens,
                      t -> SqlTokens.isNumber(t) || SqlTokens.isString(t) || SqlTokens.isName(t),
                      pick.oneOf(ODD_VALUES))),
          new Mutation(
              "null",
              (pick, tokens) ->
                  replaceWhere(
                      pick,
                      tokens,
                      t -> SqlTokens.isNumber(t) || SqlTokens.isString(t) || SqlTokens.isName(t),
                      pick.oneOf(
                          "NULL",
                          "CAST(NULL AS INTEGER)",
                          "CAST(NULL AS VARCHAR)",
                          "CAST(NULL AS DATE)"))),
          new Mutation(
              "literal",
              (pick, tokens) ->
                  replaceWhere(
                      pick,
                      tokens,
                      t -> SqlTokens.isNumber(t) || SqlTokens.isString(t),
                      pick.oneOf(ODD_VALUES))),
          new Mutation(
              "parameter",
              (pick, tokens) ->
                  replaceWhere(
                      pick,
                      tokens,
                      t -> SqlTokens.isNumber(t) || SqlTokens.isString(t) || SqlTokens.isName(t),
                      "?")),
          new Mutation(
              "unknown name",
              (pick, tokens) ->
                  replaceWhere(
                      pick,
                      tokens,
                      SqlTokens::isName,
                      pick.oneOf(
                          "no_such_name", "\"Weird Name\"", "x.y.z", "default.no_such", "_"))));

  private StatementMutator() {}

  /** The statement with 1-3 mutations; the names of the mutations applied are added to {@code applied}. */
  static String mutate(Pick pick, String sql, List<String> applied) {
    if (pick.chance(0.04)) {
      applied.add("degenerate");
      return degenerate(pick, sql);
    }
    List<String> tokens = SqlTokens.split(sql);
    int count = pick.chance(0.7) ? 1 : pick.between(2, 3);
    for (int i = 0; i < count && !tokens.isEmpty(); i++) {
      Mutation mutation = pick.oneOf(pick.chance(0.5) ? SEMANTIC : SYNTACTIC);
      applied.add(mutation.name());
      tokens = mutation.apply().apply(pick, tokens);
    }
    return SqlTokens.join(tokens);
  }

  /** Statements that are empty, whitespace, only comments, or several statements in one. */
  private static String degenerate(Pick pick, String sql) {
    return pick.oneOf(
        "",
        " ",
        "\n\t",
        "-- nothing here",
        "/* only a comment */",
        ";",
        ";;",
        "/* unterminated",
        sql + ";",
        sql + "; " + sql,
        sql + " -- trailing",
        "/* lead */ " + sql,
        sql + " /*",
        "(" + sql + ")",
        "EXPLAIN PLAN FOR EXPLAIN PLAN FOR " + sql,
        sql.toLowerCase(Locale.ROOT),
        "\u0000",
        "SELECT");
  }

  private static List<String> replaceWhere(
      Pick pick, List<String> tokens, Predicate<String> which, String replacement) {
    int at = indexWhere(pick, tokens, which);
    tokens.set(at >= 0 ? at : pick.below(tokens.size()), replacement);
    return tokens;
  }

  /** A random index of a token {@code which} accepts, or -1 when none does. */
  private static int indexWhere(Pick pick, List<String> tokens, Predicate<String> which) {
    List<Integer> candidates = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      if (which.test(tokens.get(i))) {
        candidates.add(i);
      }
    }
    return candidates.isEmpty() ? -1 : pick.oneOf(candidates);
  }
}
