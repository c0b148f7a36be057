package dev.scry.gateway.cache;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Since when each scan's file listing has looked as it does now. The engine reuses a table's resolved
 * file relation for up to the scan listing cache's TTL ({@code spark.scry.scan.relationCacheTtl}), so
 * for that long after files change a query may still read the old files. A result is kept only when its
 * inputs have looked the same for at least that TTL: then any relation still in use was resolved after
 * the last change, and the rows match the listing in the key.
 */
final class InputStability {
  private static final int MAX_SCANS = 4096;

  private record Seen(String listing, long sinceNanos) {}

  private final Duration window;
  private final LongSupplier nanoClock;
  private final Map<String, Seen> seen =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Seen> eldest) {
          return size() > MAX_SCANS;
        }
      };

  InputStability(Duration window, LongSupplier nanoClock) {
    this.window = Objects.requireNonNull(window, "window");
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
  }

  /** Records {@code listing} as the scan's current state; true when it has held for the whole window. */
  synchronized boolean settled(String scan, String listing) {
    long now = nanoClock.getAsLong();
    Seen before = seen.get(scan);
    if (before == null || !before.listing().equals(listing)) {
      seen.put(scan, new Seen(listing, now));
      return window.isZero();
    }
    return now - before.sinceNanos() >= window.toNanos();
  }
}
