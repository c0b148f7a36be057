package dev.scry.engine.translate;

import java.time.Duration;
import java.util.Objects;
import org.apache.spark.network.util.JavaUtils;
import org.apache.spark.sql.SparkSession;

/**
 * How long and how many resolved file relations {@link FileRelationCache} keeps. Read from Scry's own
 * Spark settings (gateway config {@code spark.conf}), as {@code spark.scry.result.collectMaxBytes} is.
 */
public record RelationCachePolicy(Duration ttl, int maxEntries) {
  /** How long a table's listing of its files is reused; Spark time syntax (10s, 1min); 0 turns it off. */
  public static final String TTL = "spark.scry.scan.relationCacheTtl";

  public static final String DEFAULT_TTL = "10s";

  /** How many resolved relations (one per table data folder, or per set of kept partitions) are kept. */
  public static final String MAX_ENTRIES = "spark.scry.scan.relationCacheEntries";

  public static final int DEFAULT_MAX_ENTRIES = 256;

  public RelationCachePolicy {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative()) {
      throw new IllegalArgumentException("The relation cache TTL must not be negative: " + ttl);
    }
    if (maxEntries < 0) {
      throw new IllegalArgumentException(
          "The relation cache size must not be negative: " + maxEntries);
    }
  }

  /** No caching: every scan resolves its files anew. */
  public static RelationCachePolicy off() {
    return new RelationCachePolicy(Duration.ZERO, 0);
  }

  public static RelationCachePolicy fromSpark(SparkSession spark) {
    String ttl = spark.conf().get(TTL, DEFAULT_TTL);
    String entries = spark.conf().get(MAX_ENTRIES, String.valueOf(DEFAULT_MAX_ENTRIES));
    long millis;
    try {
      millis = JavaUtils.timeStringAsMs(ttl.trim());
      if (millis < 0) {
        throw new NumberFormatException("negative");
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "Spark setting "
              + TTL
              + " must be a duration such as 10s, 2min or 0"
              + " (no caching), not '"
              + ttl
              + "'",
          e);
    }
    int max;
    try {
      max = Integer.parseInt(entries.trim());
      if (max < 0) {
        throw new NumberFormatException("negative");
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Spark setting "
              + MAX_ENTRIES
              + " must be a whole number (0: no caching),"
              + " not '"
              + entries
              + "'",
          e);
    }
    return new RelationCachePolicy(Duration.ofMillis(millis), max);
  }

  public boolean enabled() {
    return !ttl.isZero() && maxEntries > 0;
  }

  public long ttlNanos() {
    return ttl.toNanos();
  }
}
