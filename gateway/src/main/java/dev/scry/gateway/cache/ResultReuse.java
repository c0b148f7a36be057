package dev.scry.gateway.cache;

import dev.scry.gateway.exec.QueryEngine;
import dev.scry.gateway.exec.RowSource;
import dev.scry.planner.QueryPlan;
import dev.scry.planner.SessionState;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Answers a query from the {@link ResultCache} when a result for the same key is there, and otherwise
 * runs it on the engine, keeping its rows when the client reads them to the end. A session turns it
 * off with {@code SET result_cache = off}. A reused result's statement record says so
 * ({@code reused}; the statement log line ends {@code reused=true}).
 */
public final class ResultReuse {
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
      return new CachedRows(cached.get());
    }
    RowSource fresh = engine.run(plan, parameters, jobGroup);
    if (!lookup.get().storable()) {
      return fresh;
    }
    return new RecordingRowSource(
        fresh, cache.settings().maxResultBytes(), (rows, bytes) -> cache.put(key, rows, bytes));
  }
}
