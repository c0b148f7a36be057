package dev.scry.gateway.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The cache's bounds on a clock the test moves: entries, bytes, the largest result, the TTL; and the
 * settle wait of {@link InputStability}.
 */
class ResultCacheBoundsTest {
  private final AtomicLong now = new AtomicLong();

  private ResultCache cache(int entries, long bytes, long resultBytes) {
    return new ResultCache(
        new ResultCacheSettings(true, Duration.ofSeconds(10), entries, bytes, resultBytes),
        now::get);
  }

  private static ResultKey key(String name) {
    return new ResultKey(name);
  }

  @Test
  void theLeastRecentlyUsedEntryGoesFirstPastTheEntryBound() {
    ResultCache cache = cache(2, 1_000, 1_000);
    cache.put(key("a"), List.<Object[]>of(new Object[] {1L}), 10);
    cache.put(key("b"), List.<Object[]>of(new Object[] {2L}), 10);
    assertTrue(cache.get(key("a")).isPresent());
    cache.put(key("c"), List.<Object[]>of(new Object[] {3L}), 10);
    assertTrue(cache.get(key("a")).isPresent());
    assertFalse(cache.get(key("b")).isPresent());
    assertArrayEquals(new Object[] {3L}, cache.get(key("c")).orElseThrow().get(0));
  }

  @Test
  void bytesBoundTheWholeCacheAndOneResult() {
    ResultCache cache = cache(10, 100, 60);
    cache.put(key("big"), List.<Object[]>of(new Object[] {"x"}), 61);
    assertFalse(cache.get(key("big")).isPresent());
    cache.put(key("a"), List.<Object[]>of(new Object[] {1L}), 60);
    cache.put(key("b"), List.<Object[]>of(new Object[] {2L}), 50);
    assertFalse(cache.get(key("a")).isPresent());
    assertTrue(cache.get(key("b")).isPresent());
    assertEquals(1, cache.size());
  }

  @Test
  void anEntryEndsAtItsTtl() {
    ResultCache cache = cache(10, 100, 100);
    cache.put(key("a"), List.<Object[]>of(new Object[] {null}), 10);
    now.addAndGet(Duration.ofSeconds(10).toNanos() - 1);
    assertTrue(cache.get(key("a")).isPresent());
    now.addAndGet(1);
    assertFalse(cache.get(key("a")).isPresent());
    assertEquals(0, cache.size());
  }

  @Test
  void aReaderCannotChangeTheKeptRows() {
    ResultCache cache = cache(10, 100, 100);
    cache.put(key("a"), List.<Object[]>of(new Object[] {1L}), 10);
    cache.get(key("a")).orElseThrow().get(0)[0] = 2L;
    assertEquals(1L, cache.get(key("a")).orElseThrow().get(0)[0]);
  }

  @Test
  void inputsSettleAfterTheListingCacheTtl() {
    InputStability stability = new InputStability(Duration.ofSeconds(10), now::get);
    assertFalse(stability.settled("scan", "a 1 1"));
    now.addAndGet(Duration.ofSeconds(9).toNanos());
    assertFalse(stability.settled("scan", "a 1 1"));
    now.addAndGet(Duration.ofSeconds(1).toNanos());
    assertTrue(stability.settled("scan", "a 1 1"));
    // A change starts the wait again.
    assertFalse(stability.settled("scan", "a 1 1\nb 1 1"));
    assertTrue(new InputStability(Duration.ZERO, now::get).settled("scan", "a 1 1"));
  }
}
