package dev.scry.engine;

/**
 * Which FAIR scheduler pool a statement's jobs go to. Statements run in job groups named {@code
 * scry-<session>-<operation>-<execution>}; a session's statements share one of {@code
 * spark.scry.scheduler.pools} pools (16 by default, chosen by the session's hash), so that under
 * Spark's FAIR mode a long PREDICT of one session holds only its pool's share of the cores while other
 * sessions' short queries get theirs. The number is bounded because Spark never forgets a pool and
 * compares all of them at every scheduling round. 0 puts every job in Spark's default pool (FIFO).
 */
final class SchedulerPools {
  static final String POOLS = "spark.scry.scheduler.pools";
  static final int DEFAULT_POOLS = 16;
  private static final String PREFIX = "scry-";

  private SchedulerPools() {}

  /** The pool for {@code jobGroupId}, or null for Spark's default pool. */
  static String poolFor(String jobGroupId, int pools) {
    if (pools < 1) {
      return null;
    }
    return PREFIX + "pool-" + Math.floorMod(sessionOf(jobGroupId).hashCode(), pools);
  }

  /** The session part of a statement's job group; the whole name for any other group. */
  static String sessionOf(String jobGroupId) {
    if (!jobGroupId.startsWith(PREFIX)) {
      return jobGroupId;
    }
    int execution = jobGroupId.lastIndexOf('-');
    int operation = execution <= 0 ? -1 : jobGroupId.lastIndexOf('-', execution - 1);
    return operation <= PREFIX.length() ? jobGroupId : jobGroupId.substring(0, operation);
  }
}
