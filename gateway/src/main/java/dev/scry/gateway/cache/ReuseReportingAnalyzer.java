package dev.scry.gateway.cache;

import dev.scry.planner.QueryPlan;
import dev.scry.planner.spi.QueryAnalyzer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * EXPLAIN ANALYZE with the result cache in view: the engine runs and measures the query as always (a
 * reused result would measure nothing), and a last line says whether the query alone would have been
 * answered from the cache ({@link ResultReuse#explain}).
 */
public final class ReuseReportingAnalyzer implements QueryAnalyzer {
  private final QueryAnalyzer engine;
  private final ResultReuse reuse;

  public ReuseReportingAnalyzer(QueryAnalyzer engine, ResultReuse reuse) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.reuse = Objects.requireNonNull(reuse, "reuse");
  }

  @Override
  public List<String> analyze(QueryPlan query) {
    List<String> lines = new ArrayList<>(engine.analyze(query));
    lines.add(reuse.explain(query));
    return List.copyOf(lines);
  }
}
