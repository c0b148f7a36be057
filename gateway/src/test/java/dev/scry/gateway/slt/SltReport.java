package dev.scry.gateway.slt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a run of a script gave: statements and queries that passed, and the failures by kind. */
final class SltReport {
  private int statements;
  private int statementsPassed;
  private int queries;
  private int queriesPassed;

  /** A kind of failure (a wrong result, or an error's normalized sentence) → count and first example. */
  private final Map<String, Failure> failures = new TreeMap<>();

  record Failure(int count, int line, String sql, String detail) {}

  void statement(boolean passed, SltRecord record, String failure) {
    statements++;
    if (passed) {
      statementsPassed++;
    } else {
      fail(record, failure);
    }
  }

  void query(boolean passed, SltRecord record, String failure) {
    queries++;
    if (passed) {
      queriesPassed++;
    } else {
      fail(record, failure);
    }
  }

  private void fail(SltRecord record, String failure) {
    String kind = kindOf(failure);
    failures.merge(
        kind,
        new Failure(1, record.line(), record.sql(), failure),
        (a, b) -> new Failure(a.count() + 1, a.line(), a.sql(), a.detail()));
  }

  /** The failure without what differs between instances: statement ids, positions and numbers. */
  static String kindOf(String failure) {
    return failure
        .replaceAll("\\(statement [^)]*\\)", "")
        .replaceAll("line \\d+, column \\d+", "line L, column C")
        .replaceAll("'[^']*'", "'…'")
        .replaceAll("\\d+", "N")
        .strip();
  }

  int queries() {
    return queries;
  }

  int queriesPassed() {
    return queriesPassed;
  }

  int statements() {
    return statements;
  }

  int statementsPassed() {
    return statementsPassed;
  }

  /** Passed queries per query run; 0 when none ran. */
  double passRate() {
    return queries == 0 ? 0 : (double) queriesPassed / queries;
  }

  Map<String, Failure> failures() {
    return new LinkedHashMap<>(failures);
  }

  String summary(String script) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "sqllogictest %s: queries %d of %d passed (%.1f%%), statements %d of %d%n",
            script, queriesPassed, queries, 100 * passRate(), statementsPassed, statements));
    List<Map.Entry<String, Failure>> sorted =
        failures.entrySet().stream()
            .sorted((a, b) -> Integer.compare(b.getValue().count(), a.getValue().count()))
            .toList();
    for (Map.Entry<String, Failure> entry : sorted) {
      Failure f = entry.getValue();
      out.append(String.format("  %4d × %s%n", f.count(), entry.getKey()));
      out.append(
          String.format("         e.g. line %d: %s%n", f.line(), f.sql().replaceAll("\\s+", " ")));
    }
    return out.toString();
  }
}
