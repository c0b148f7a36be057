package dev.scry.gateway.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * The fuzz's statements, one per index: a query, a PREDICT or a catalog statement, mutated three times
 * out of four, and how to send it. Statement {@code i} of seed {@code s} is always the same text.
 */
final class StatementGenerator {
  /** How a statement travels: planned only, executed, or prepared and executed with parameter values. */
  enum Mode {
    PREPARE,
    EXECUTE,
    BIND
  }

  /** One statement; {@code origin} says what produced it (for grouping the report). */
  record FuzzStatement(int index, String sql, Mode mode, String origin) {}

  private static final double MUTATED = 0.75;

  private final long seed;
  private final DdlGenerator.Locations locations;

  StatementGenerator(long seed, DdlGenerator.Locations locations) {
    this.seed = seed;
    this.locations = locations;
  }

  FuzzStatement statement(int index) {
    Pick pick = Pick.forStatement(seed, index);
    QueryGenerator queries = new QueryGenerator(pick);
    String sql;
    String origin;
    boolean expensive = false;
    int family = pick.below(100);
    if (family < 45) {
      sql = queries.query();
      origin = "query";
    } else if (family < 75) {
      sql = new PredictGenerator(pick, queries, locations.irisModel()).predict();
      origin = "predict";
    } else {
      DdlGenerator.Ddl ddl = new DdlGenerator(pick, queries, locations).ddl();
      sql = ddl.sql();
      expensive = ddl.writes();
      origin = "ddl";
    }
    List<String> mutations = new ArrayList<>();
    if (pick.chance(MUTATED)) {
      sql = StatementMutator.mutate(pick, sql, mutations);
      origin += " " + mutations;
    }
    return new FuzzStatement(index, sql, mode(pick, sql, expensive), origin);
  }

  /**
   * Most statements are only planned (parse, validation, PREDICT binding, optimization: where most
   * failures are, at a few milliseconds each); some run on Spark, writes and model loads rarely.
   */
  private static Mode mode(Pick pick, String sql, boolean expensive) {
    if (sql.contains("?")) {
      return pick.chance(0.7) ? Mode.BIND : Mode.EXECUTE;
    }
    double executed = expensive ? 0.08 : 0.25;
    return pick.chance(executed) ? Mode.EXECUTE : Mode.PREPARE;
  }
}
