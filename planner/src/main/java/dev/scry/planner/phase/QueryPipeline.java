package dev.scry.planner.phase;

import dev.scry.planner.operator.PredictFunction;
import dev.scry.planner.operator.ScalarPredictFunction;
import dev.scry.planner.rule.ScryRules;
import dev.scry.planner.scan.LakeScanSpecs;
import dev.scry.planner.sqlrewrite.PredictCallCheck;
import dev.scry.planner.sqlrewrite.PredictStarRewriter;
import dev.scry.planner.sqlrewrite.QueryShapeCheck;
import dev.scry.planner.sqlrewrite.SparkSemanticsRewriter;
import dev.scry.planner.sqlrewrite.TsqlPredictRewriter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.rel.rules.CoreRules;

/**
 * The phases a query goes through, in order, by name. {@link #standard} is the order Scry plans in; a
 * pipeline is a value, so a test can run a part of it ({@link #upTo}) or one phase alone, and
 * {@link #toString} prints the list.
 */
public record QueryPipeline(List<Phase> phases) {
  public QueryPipeline {
    phases = List.copyOf(phases);
    Set<String> names = new HashSet<>();
    for (Phase phase : phases) {
      if (!names.add(phase.name())) {
        throw new IllegalArgumentException("Two phases named " + phase.name());
      }
    }
  }

  /**
   * Scry's planning. Before validation: checks of the query's shape, the T-SQL PREDICT lowered to the
   * table function, {@code PREDICT(…, *)} made a ROW, Spark's operators and casts. After conversion, in
   * this order because each needs the one before: sub-queries to joins (Spark's value for IN first),
   * trimming (so that PREDICT binds to the fields actually read), PREDICT as PredictRel, PREDICT's own
   * trimming, logical optimization, the root's projection, and last the push-down into the lake scans,
   * which must see the plan as it will run.
   */
  public static QueryPipeline standard(PredictFunction predict, LakeScanSpecs scans) {
    ScalarPredictFunction scalar = new ScalarPredictFunction(predict);
    return new QueryPipeline(
        List.of(
            Phase.sql(
                "check-shape",
                (query, context) -> {
                  QueryShapeCheck.check(query);
                  PredictCallCheck.check(query);
                  return query;
                }),
            Phase.sql(
                "lower-tsql-predict",
                (query, context) ->
                    TsqlPredictRewriter.rewrite(
                        query, new TsqlDataTypes(context), predict, context.typeFactory())),
            Phase.sql("predict-star", (query, context) -> query.accept(new PredictStarRewriter())),
            Phase.sql(
                "spark-semantics", (query, context) -> query.accept(new SparkSemanticsRewriter())),
            new Validation(),
            new Conversion(),
            Phase.rel("spark-in-values", (rel, context) -> rel.accept(new SparkInSubQueryValues())),
            Phase.rel(
                "remove-sub-queries",
                (rel, context) -> SubQueryRemover.remove(rel, context.relBuilder())),
            // Time travel, once sub-queries are joins (a snapshot inside one is then in the plan)
            // and before field trimming puts a Project between a snapshot and the scan it names.
            Phase.rules(
                "time-travel",
                HepMatchOrder.BOTTOM_UP,
                List.of(
                    List.of(ScryRules.lakeFilterSnapshot(scans)),
                    List.of(ScryRules.lakeSnapshot(scans)))),
            Phase.rel(
                "trim-fields", (rel, context) -> context.converter().trimUnusedFields(true, rel)),
            Phase.rel("check-scalar-predict", (rel, context) -> ScalarPredictPlacement.check(rel)),
            Phase.rules(
                "predict",
                HepMatchOrder.BOTTOM_UP,
                List.of(
                    List.of(ScryRules.PREDICT_TABLE_FUNCTION),
                    List.of(ScryRules.scalarPredict(scalar)))),
            // Again, now that PREDICT is a PredictRel: it keeps only the DATA fields and outputs
            // the query reads.
            Phase.rel(
                "trim-predict",
                (rel, context) -> new PredictFieldTrimmer(context.relBuilder()).trim(rel)),
            // Filters pushed towards the scans (through PREDICT too, when they read only DATA
            // columns), projections merged, trivial ones removed; still logical operators.
            Phase.rules(
                "optimize",
                HepMatchOrder.BOTTOM_UP,
                List.of(
                    List.of(
                        CoreRules.FILTER_MERGE,
                        CoreRules.FILTER_PROJECT_TRANSPOSE,
                        ScryRules.FILTER_PREDICT_TRANSPOSE,
                        CoreRules.FILTER_INTO_JOIN,
                        CoreRules.JOIN_CONDITION_PUSH,
                        CoreRules.PROJECT_MERGE,
                        CoreRules.PROJECT_REMOVE,
                        CoreRules.AGGREGATE_PROJECT_MERGE))),
            new RootProjection(),
            Phase.rules(
                "lake-scans",
                HepMatchOrder.BOTTOM_UP,
                List.of(
                    List.of(ScryRules.lakeFilterScan(scans)), List.of(ScryRules.lakeScan(scans)))),
            Phase.rel("lake-scan-columns", (rel, context) -> LakeScanColumns.apply(rel))));
  }

  public QueryState run(QueryState state, QueryContext context) {
    return run(state, context, (phase, after) -> {});
  }

  /** Runs every phase; {@code afterEach} sees each phase with the state it left (to print or check it). */
  public QueryState run(
      QueryState state, QueryContext context, BiConsumer<Phase, QueryState> afterEach) {
    QueryState current = state;
    for (Phase phase : phases) {
      current = phase.run(current, context);
      afterEach.accept(phase, current);
    }
    return current;
  }

  public Phase phase(String name) {
    return phases.stream()
        .filter(p -> p.name().equals(name))
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("No phase named " + name + " in " + names()));
  }

  /** The phases up to and including {@code name}. */
  public QueryPipeline upTo(String name) {
    return new QueryPipeline(phases.subList(0, phases.indexOf(phase(name)) + 1));
  }

  public List<String> names() {
    return phases.stream().map(Phase::name).toList();
  }

  /** One line per phase, numbered: its name, its kind and, for rules, the rules. */
  @Override
  public String toString() {
    return IntStream.range(0, phases.size())
        .mapToObj(i -> (i + 1) + ". " + phases.get(i))
        .collect(Collectors.joining("\n"));
  }
}
