package dev.scry.gateway.cache;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Finished results by {@link ResultKey}, least recently used first out, bounded in entries and bytes;
 * an entry older than the TTL is never returned. The key already covers the plan, the models and the
 * inputs' files, so nothing has to be invalidated from outside: a change makes a different key, and the
 * old entry ages out or is pushed out.
 */
public final class ResultCache {
  private final ResultCacheSettings settings;
  private final LongSupplier nanoClock;
  private final LinkedHashMap<ResultKey, CachedResult> entries =
      new LinkedHashMap<>(16, 0.75f, true);
  private long bytes;

  public ResultCache(ResultCacheSettings settings, LongSupplier nanoClock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
  }

  public ResultCacheSettings settings() {
    return settings;
  }

  /** The rows stored under {@code key}, if there are and they are younger than the TTL. */
  public synchronized Optional<List<Object[]>> get(ResultKey key) {
    CachedResult entry = entries.get(key);
    if (entry == null) {
      return Optional.empty();
    }
    if (expired(entry)) {
      remove(key);
      return Optional.empty();
    }
    return Optional.of(entry.copyOfRows());
  }

  /** Whether a result younger than the TTL is stored under {@code key}; changes nothing. */
  public synchronized boolean holds(ResultKey key) {
    CachedResult entry = entries.get(key);
    return entry != null && !expired(entry);
  }

  /** Keeps a finished result if it fits, pushing out the least recently used entries as needed. */
  public synchronized void put(ResultKey key, List<Object[]> rows, long size) {
    if (size > settings.maxResultBytes()) {
      return;
    }
    remove(key);
    entries.put(key, new CachedResult(rows, size, nanoClock.getAsLong()));
    bytes += size;
    Iterator<Map.Entry<ResultKey, CachedResult>> eldest = entries.entrySet().iterator();
    while ((entries.size() > settings.maxEntries() || bytes > settings.maxBytes())
        && eldest.hasNext()) {
      bytes -= eldest.next().getValue().bytes();
      eldest.remove();
    }
  }

  public synchronized int size() {
    return entries.size();
  }

  private void remove(ResultKey key) {
    CachedResult old = entries.remove(key);
    if (old != null) {
      bytes -= old.bytes();
    }
  }

  private boolean expired(CachedResult entry) {
    return nanoClock.getAsLong() - entry.createdNanos() >= settings.ttl().toNanos();
  }
}
