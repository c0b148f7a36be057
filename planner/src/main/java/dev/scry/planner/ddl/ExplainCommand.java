package dev.scry.planner.ddl;

import dev.scry.planner.CommandPlan;
import dev.scry.planner.CommandResult;
import dev.scry.planner.QueryPlan;
import dev.scry.planner.ResultColumn;
import dev.scry.planner.ScryPlanner;
import dev.scry.planner.SessionState;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.sql.SqlExplain;

/**
 * EXPLAIN PLAN FOR query: one row per line of the optimized plan, then what each lake scan reads
 * ({@link LakeScanReport}). The query is planned as it would be run, never run.
 */
final class ExplainCommand implements CommandHandler<SqlExplain> {
  static final List<ResultColumn> COLUMNS = List.of(ResultColumn.varchar("PLAN"));
  static final StatementKind<SqlExplain> KIND =
      new StatementKind<>(
          SqlExplain.class,
          COLUMNS,
          services ->
              new ExplainCommand(
                  services.planner(), new LakeScanReport(services.files(), services.logTables())));

  private final ScryPlanner planner;
  private final LakeScanReport scans;

  ExplainCommand(ScryPlanner planner, LakeScanReport scans) {
    this.planner = Objects.requireNonNull(planner, "planner");
    this.scans = Objects.requireNonNull(scans, "scans");
  }

  @Override
  public CommandResult execute(SqlExplain explain, CommandPlan plan, SessionState session) {
    QueryPlan queryPlan = planner.queryPlanner(session).plan(plan.sql(), explain.getExplicandum());
    List<List<Object>> rows = new ArrayList<>();
    for (String line : RelOptUtil.toString(queryPlan.rel()).split("\n")) {
      rows.add(List.of(line));
    }
    List<String> scanLines = scans.lines(queryPlan.rel());
    if (!scanLines.isEmpty()) {
      rows.add(List.of("Table scans:"));
      scanLines.forEach(line -> rows.add(List.of(line)));
    }
    return CommandResult.rows(COLUMNS, rows);
  }
}
