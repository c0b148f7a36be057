package dev.scry.gateway.cache;

import dev.scry.gateway.config.ScryConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * How the result cache is bounded: how long an entry lives, how many entries and bytes it holds in all,
 * and the largest result it keeps (a larger one is streamed as usual and not kept).
 */
public record ResultCacheSettings(
    boolean enabled, Duration ttl, int maxEntries, long maxBytes, long maxResultBytes) {
  public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
  public static final int DEFAULT_MAX_ENTRIES = 64;
  public static final long DEFAULT_MAX_BYTES = 64L << 20;
  public static final long DEFAULT_MAX_RESULT_BYTES = 16L << 20;

  public ResultCacheSettings {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero() || maxEntries < 1 || maxBytes < 1 || maxResultBytes < 1) {
      throw new IllegalArgumentException("result cache bounds must be positive");
    }
  }

  public static ResultCacheSettings from(ScryConfig.ResultCacheConfig config) {
    return new ResultCacheSettings(
        config.enabled() == null || config.enabled(),
        config.ttlSeconds() == null ? DEFAULT_TTL : Duration.ofSeconds(config.ttlSeconds()),
        config.maxEntries() == null ? DEFAULT_MAX_ENTRIES : config.maxEntries(),
        config.maxBytes() == null ? DEFAULT_MAX_BYTES : config.maxBytes(),
        config.maxResultBytes() == null
            ? DEFAULT_MAX_RESULT_BYTES
            : Math.min(
                config.maxResultBytes(),
                config.maxBytes() == null ? DEFAULT_MAX_BYTES : config.maxBytes()));
  }
}
