package dev.scry.gateway.cache;

import dev.scry.gateway.exec.QueryEngine;
import dev.scry.gateway.exec.RowSource;
import dev.scry.planner.QueryPlan;
import dev.scry.planner.SessionState;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a query from the {@link ResultCache} when a result for the same key is there, and otherwise
 * runs it on the engine, keeping its rows when the client reads them to the end. A session turns it
 * off with {@code SET result_cache = off}. A reused result's statement record says so
 * ({@code reused}; the statement log line ends {@code reused=true}).
 */
public final class ResultReuse {
  private static final Logger LOG = LoggerFactory.getLogger(ResultReuse.class);

  private final ResultCache cache;
  private final ResultKeys keys;

  public ResultReuse(ResultCache cache, ResultKeys keys) {
    this.cache = Objects.requireNonNull(cache, "cache");
    this.keys = Objects.requireNonNull(keys, "keys");
  }

  /**
   * One line for EXPLAIN ANALYZE, which always runs its query (it is there to measure the run): whether
   * the query on its own would have been answered from the cache now. Looking does not keep or use a
   * result.
   */
  public String explain(QueryPlan plan) {
    String prefix = "Result cache (EXPLAIN ANALYZE always runs the query): ";
    if (!cache.settings().enabled()) {
      return prefix + "off in this gateway (result-cache.enabled)";
    }
    Optional<ResultLookup> lookup;
    try {
      lookup = keys.keyOf(plan, List.of());
    } catch (RuntimeException e) {
      LOG.debug("No result reuse: the inputs could not be listed", e);
      return prefix + "the inputs could not be listed, so the query would run";
    }
    if (lookup.isEmpty()) {
      return prefix
          + "never reused: the query is not deterministic or reads a table other than a lake table";
    }
    return prefix
        + (cache.holds(lookup.get().key())
            ? "a kept result matches: the query alone would be answered from it"
                + " (unless its session ran SET result_cache = off)"
            : "no kept result matches: the query alone would run");
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
    Optional<ResultLookup> lookup;
    try {
      lookup = keys.keyOf(plan, parameters);
    } catch (UncheckedIOException e) {
      // The inputs could not be listed (storage unreachable, say): run the query, whose own failure
      // names the file and the account.
      LOG.debug("No result reuse: the inputs could not be listed", e);
      lookup = Optional.empty();
    }
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
    BooleanSupplier stillCurrent = lookup.get().stillCurrent();
    return new RecordingRowSource(
        fresh,
        cache.settings().maxResultBytes(),
        (rows, bytes) -> {
          if (stillCurrent.getAsBoolean()) {
            cache.put(key, rows, bytes);
          }
        });
  }
}
