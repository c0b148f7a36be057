package dev.scry.planner.phase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.planner.parser.ScryParser;
import dev.scry.planner.script.FixtureCatalog;
import dev.scry.planner.script.PlannerSession;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.junit.jupiter.api.Test;

/** The planning pipeline as a value: its phases by name, and each phase run on its own. */
class QueryPipelineTest {
  private static final String PARTITIONED =
      "SELECT id, amount FROM sales.events WHERE event_date = DATE '2024-01-02'";
  private static final String SCORED =
      "SELECT * FROM PREDICT(MODEL => 'iris_rf', DATA => TABLE iris_features)";

  private final PlannerSession session = FixtureCatalog.open();
  private final QueryPlanner planner = session.queryPlanner();

  @Test
  void standardPhasesInOrder() {
    assertEquals(
        List.of(
            "check-shape",
            "lower-tsql-predict",
            "predict-star",
            "spark-semantics",
            "validate",
            "to-rel",
            "spark-in-values",
            "remove-sub-queries",
            "time-travel",
            "trim-fields",
            "check-scalar-predict",
            "predict",
            "trim-predict",
            "optimize",
            "project-root",
            "lake-scans",
            "lake-scan-columns"),
        planner.pipeline().names());
    String printed = planner.pipeline().toString();
    assertTrue(printed.startsWith("1. check-shape (SQL)\n"), printed);
    assertTrue(
        printed.contains(
            "\n9. time-travel (rules): [LakeSnapshotRule:filter]; [LakeSnapshotRule]\n"),
        printed);
    assertTrue(
        printed.contains(
            "\n12. predict (rules): [PredictTableFunctionRule]; [ScalarPredictRule]\n"),
        printed);
    assertTrue(
        printed.contains("\n16. lake-scans (rules): [LakeScanRule:filter]; [LakeScanRule:scan]\n"),
        printed);
    assertTrue(printed.endsWith("\n17. lake-scan-columns (plan)"), printed);
  }

  @Test
  void phasesRunOneByOneGiveTheQueryPlan() throws Exception {
    for (String sql : List.of(PARTITIONED, SCORED)) {
      QueryContext context = planner.context();
      QueryState state = QueryState.parsed(ScryParser.parse(sql));
      for (Phase phase : planner.pipeline().phases()) {
        state = phase.run(state, context);
      }
      assertEquals(
          RelOptUtil.toString(session.plan(sql).rel()), RelOptUtil.toString(state.rel()), sql);
    }
  }

  @Test
  void lakeScanPhasesPushFiltersThenNarrowColumns() throws Exception {
    QueryContext context = planner.context();
    QueryState projected =
        planner
            .pipeline()
            .upTo("project-root")
            .run(QueryState.parsed(ScryParser.parse(PARTITIONED)), context);
    assertTrue(
        RelOptUtil.toString(projected.rel()).contains("LogicalTableScan(table=[[sales, events]])"));

    QueryState pushed = planner.pipeline().phase("lake-scans").run(projected, context);
    assertTrue(
        RelOptUtil.toString(pushed.rel())
            .contains(
                "LakeTableScan(table=[[sales, events]], columns=[[id, "
                    + "amount, category, event_date, region]], filters=[[event_date = '2024-01-02']], partitions=[2 of 4])"),
        RelOptUtil.toString(pushed.rel()));

    QueryState narrowed = planner.pipeline().phase("lake-scan-columns").run(pushed, context);
    assertTrue(
        RelOptUtil.toString(narrowed.rel())
            .contains(
                "columns=[[id, amount, event_date]], "
                    + "filters=[[event_date = '2024-01-02']], partitions=[2 of 4])"),
        RelOptUtil.toString(narrowed.rel()));
  }

  @Test
  void eachPhaseCanBeWatched() throws Exception {
    List<String> seen = new ArrayList<>();
    planner
        .pipeline()
        .run(
            QueryState.parsed(ScryParser.parse(SCORED)),
            planner.context(),
            (phase, state) -> {
              if (state.root() != null && RelOptUtil.toString(state.rel()).contains("PredictRel")) {
                seen.add(phase.name());
              }
            });
    assertEquals("predict", seen.get(0));
  }
}
