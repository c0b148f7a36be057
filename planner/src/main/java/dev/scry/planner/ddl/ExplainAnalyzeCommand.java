package dev.scry.planner.ddl;

import dev.scry.planner.CommandPlan;
import dev.scry.planner.CommandResult;
import dev.scry.planner.ErrorCode;
import dev.scry.planner.QueryPlan;
import dev.scry.planner.ResultColumn;
import dev.scry.planner.ScryException;
import dev.scry.planner.ScryPlanner;
import dev.scry.planner.SessionState;
import dev.scry.planner.parser.ddl.ScryExplainAnalyze;
import dev.scry.planner.spi.QueryAnalyzer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.calcite.plan.RelOptUtil;

/**
 * EXPLAIN ANALYZE query: runs the query (its rows are discarded) and returns, one row per line, the plan
 * as EXPLAIN prints it, then what the engine measured while running it (see {@link QueryAnalyzer}), then
 * what each lake scan was planned to read. The column is EXPLAIN's, so tools show both alike.
 */
final class ExplainAnalyzeCommand implements CommandHandler<ScryExplainAnalyze> {
  static final List<ResultColumn> COLUMNS = ExplainCommand.COLUMNS;
  static final StatementKind<ScryExplainAnalyze> KIND =
      new StatementKind<>(
          ScryExplainAnalyze.class,
          COLUMNS,
          services ->
              new ExplainAnalyzeCommand(
                  services.planner(),
                  new LakeScanReport(services.files(), services.logTables()),
                  services.analyzer()));

  private final ScryPlanner planner;
  private final LakeScanReport scans;
  private final Optional<QueryAnalyzer> analyzer;

  ExplainAnalyzeCommand(
      ScryPlanner planner, LakeScanReport scans, Optional<QueryAnalyzer> analyzer) {
    this.planner = Objects.requireNonNull(planner, "planner");
    this.scans = Objects.requireNonNull(scans, "scans");
    this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
  }

  /** The refusal where no engine was given to run the query with. */
  static ScryException noEngine() {
    return new ScryException(
        ErrorCode.NOT_SUPPORTED, "This gateway has no engine to run EXPLAIN ANALYZE with");
  }

  @Override
  public CommandResult execute(ScryExplainAnalyze explain, CommandPlan plan, SessionState session) {
    QueryAnalyzer engine = analyzer.orElseThrow(ExplainAnalyzeCommand::noEngine);
    QueryPlan query = planner.queryPlanner(session).plan(plan.sql(), explain.query());
    if (query.parameterRowType().getFieldCount() > 0) {
      throw new ScryException(
          ErrorCode.NOT_SUPPORTED,
          "Parameters (?) are not supported in EXPLAIN ANALYZE: write the values into the query");
    }
    List<List<Object>> rows = new ArrayList<>();
    for (String line : RelOptUtil.toString(query.rel()).split("\n")) {
      rows.add(List.of(line));
    }
    engine.analyze(query).forEach(line -> rows.add(List.of(line)));
    List<String> scanLines = scans.lines(query.rel());
    if (!scanLines.isEmpty()) {
      rows.add(List.of("Table scans:"));
      scanLines.forEach(line -> rows.add(List.of(line)));
    }
    return CommandResult.rows(COLUMNS, rows);
  }
}
