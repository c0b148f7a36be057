package dev.scry.engine;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What Spark did for one statement execution (one job group): how many task attempts succeeded, how many
 * failed (an executor lost, a fetch failure) and were therefore retried, how many successful attempts
 * re-ran a partition (a retry, or a stage resubmitted because an executor's shuffle output was lost),
 * on which executors the successful attempts ran ({@code driver} in local mode, executor ids such as
 * {@code 0}, {@code 1} on a cluster), and how many bytes its tasks read from their input files (Spark's
 * input metrics of every attempt that reported them, as {@code scry_storage_read_bytes_total} counts).
 */
public record ExecutionStats(
    String jobGroup,
    int succeededTasks,
    int failedTasks,
    int rerunTasks,
    Set<String> executors,
    long bytesRead) {
  public ExecutionStats {
    Objects.requireNonNull(jobGroup, "jobGroup");
    executors =
        Collections.unmodifiableSet(new TreeSet<>(executors)); // sorted, for stable log lines
  }

  /** Stats without input bytes (nothing read from files). */
  public ExecutionStats(
      String jobGroup, int succeededTasks, int failedTasks, int rerunTasks, Set<String> executors) {
    this(jobGroup, succeededTasks, failedTasks, rerunTasks, executors, 0);
  }

  /** One line for the statement log. */
  public String describe() {
    return succeededTasks
        + " task(s) on executors "
        + executors
        + ", "
        + failedTasks
        + " failed task attempt(s) retried, "
        + rerunTasks
        + " task(s) re-run, "
        + bytesRead
        + " byte(s) read";
  }
}
