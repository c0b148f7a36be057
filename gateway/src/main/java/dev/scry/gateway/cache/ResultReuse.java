package dev.scry.gateway.cache;

import dev.scry.gateway.exec.QueryEngine;
import dev.scry.gateway.exec.RowSource;
import dev.scry.planner.QueryPlan;
import dev.scry.planner.SessionState;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a query from the {@link ResultCache} when a result for the same key is there, and otherwise
 * runs it on the engine, keeping its rows when the client reads them to the end. A session turns it
 * off with {@code SET result_cache = off}. A reused result is said in the statement log (logger {@code
 * dev.scry.gateway.statements}) under the execution's job group.
 */
public final class ResultReuse {
  private static final Logger LOG = LoggerFactory.getLogger("dev.scry.gateway.statements");

  private final ResultCache cache;
  private final ResultKeys keys;

  public ResultReuse(ResultCache cache, ResultKeys keys) {
    this.cache = Objects.requireNonNull(cache, "cache");
    this.keys = Objects.requireNonNull(keys, "keys");
  }

  /** The rows of {@code plan}: from the cache, or from {@code engine} (kept for next time). */
  public RowSource rows(
      QueryPlan plan,
      List<Object> parameters,
      SessionState session,
      String jobGroup,
      QueryEngine engine) {
    if (!cache.settings().enabled() || !session.resultCacheOn()) {
      return engine.run(plan, parameters, jobGroup);
    }
    Optional<ResultLookup> lookup = keys.keyOf(plan, parameters);
    if (lookup.isEmpty()) {
      return engine.run(plan, parameters, jobGroup);
    }
    ResultKey key = lookup.get().key();
    Optional<List<Object[]>> cached = cache.get(key);
    if (cached.isPresent()) {
      LOG.info("statement {} reused a cached result: {} rows", jobGroup, cached.get().size());
      return RowSource.of(cached.get().stream().map(Arrays::asList).toList());
    }
    RowSource fresh = engine.run(plan, parameters, jobGroup);
    if (!lookup.get().storable()) {
      return fresh;
    }
    return new RecordingRowSource(
        fresh, cache.settings().maxResultBytes(), (rows, bytes) -> cache.put(key, rows, bytes));
  }
}
