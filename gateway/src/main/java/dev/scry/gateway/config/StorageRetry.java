package dev.scry.gateway.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How long Scry waits for one storage account before a request fails: hadoop-azure's retries, back-off
 * and HTTP timeouts for that account. hadoop-azure's own defaults (30 retries, back-off up to 25 s) take
 * minutes to give up on an account that is down; these take seconds.
 */
public record StorageRetry(
    int maxRetries, Duration maxBackoff, Duration connectTimeout, Duration readTimeout) {
  /** Fails within about 10 s when an account refuses connections, about 15 s when it drops them. */
  public static final StorageRetry DEFAULT =
      new StorageRetry(3, Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(30));

  private static final int MOST_RETRIES = 30;

  /** The {@code retry:} section of a storage entry, defaults filled in; {@code where} names the entry. */
  static StorageRetry from(ScryConfig.RetryConfig section, String where) throws ConfigException {
    if (section == null) {
      return DEFAULT;
    }
    List<String> problems = new ArrayList<>();
    int retries =
        within(problems, "max-retries", section.maxRetries(), DEFAULT.maxRetries, 0, MOST_RETRIES);
    int backoff =
        within(
            problems,
            "max-backoff-seconds",
            section.maxBackoffSeconds(),
            (int) DEFAULT.maxBackoff.toSeconds(),
            1,
            60);
    int connect =
        within(
            problems,
            "connect-timeout-seconds",
            section.connectTimeoutSeconds(),
            (int) DEFAULT.connectTimeout.toSeconds(),
            1,
            120);
    int read =
        within(
            problems,
            "read-timeout-seconds",
            section.readTimeoutSeconds(),
            (int) DEFAULT.readTimeout.toSeconds(),
            1,
            600);
    if (!problems.isEmpty()) {
      throw new ConfigException(where + " retry: " + String.join("; ", problems));
    }
    return new StorageRetry(
        retries,
        Duration.ofSeconds(backoff),
        Duration.ofSeconds(connect),
        Duration.ofSeconds(read));
  }

  private static int within(
      List<String> problems, String key, Integer value, int fallback, int min, int max) {
    if (value == null) {
      return fallback;
    }
    if (value < min || value > max) {
      problems.add(key + " must be between " + min + " and " + max + ", not " + value);
    }
    return value;
  }
}
