package dev.scry.engine;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkContext;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.scheduler.TaskInfo;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Counts the task attempts of the job groups it was asked to watch: where they ran, how many failed,
 * and the bytes they read from their input files. Spark delivers listener events on its own thread,
 * after the fact; callers wait for the listener bus before they read a group's {@link ExecutionStats}.
 * What a group's tasks read so far can be read while it runs ({@link #bytesRead}); each group's final
 * figures go to the {@link ExecutionObserver} when it is released.
 */
public final class ExecutionTaskListener extends SparkListener {
  private static final String GROUP_ID = "spark.jobGroup.id";

  private final Map<String, Tally> groups = new ConcurrentHashMap<>();
  private final Map<Integer, Tally> stages = new ConcurrentHashMap<>();
  private final ExecutionObserver observer;

  private ExecutionTaskListener(ExecutionObserver observer) {
    this.observer = Objects.requireNonNull(observer, "observer");
  }

  /**
   * A listener on {@code context}'s tasks whose released groups go to {@code observer}; give it to
   * every {@link QueryRunner} and {@code SparkQueryAnalyzer} whose statements should be reported.
   */
  public static ExecutionTaskListener attach(SparkContext context, ExecutionObserver observer) {
    ExecutionTaskListener listener = new ExecutionTaskListener(observer);
    context.addSparkListener(listener);
    return listener;
  }

  /** Bytes the finished tasks of a watched {@code jobGroup} read so far; empty when not watched. */
  public OptionalLong bytesRead(String jobGroup) {
    Tally tally = jobGroup == null ? null : groups.get(jobGroup);
    return tally == null ? OptionalLong.empty() : OptionalLong.of(tally.bytesRead());
  }

  /**
   * Runs {@code work}, whose Spark jobs run in {@code jobGroup}, counting that group's tasks; returns
   * what they did once Spark's listener bus has delivered their events (at most {@code waitMillis}
   * later: the counts may then be short).
   */
  public ExecutionStats measure(
      SparkContext context, String jobGroup, long waitMillis, Runnable work) {
    watch(jobGroup);
    boolean ran = false;
    try {
      work.run();
      ran = true;
    } finally {
      if (!ran) {
        release(jobGroup);
      }
    }
    try {
      context.listenerBus().waitUntilEmpty(waitMillis);
    } catch (TimeoutException | RuntimeException e) {
      // What was counted so far is reported.
    }
    return release(jobGroup);
  }

  /** Starts counting the tasks of {@code jobGroup}. */
  void watch(String jobGroup) {
    groups.put(jobGroup, new Tally());
  }

  /**
   * Stops counting {@code jobGroup} and returns what was counted, told to the observer first (so that
   * the group's figures are never in neither place).
   */
  ExecutionStats release(String jobGroup) {
    Tally tally = groups.get(jobGroup);
    if (tally == null) {
      return new ExecutionStats(jobGroup, 0, 0, 0, Set.of());
    }
    ExecutionStats stats = tally.stats(jobGroup);
    try {
      observer.executionFinished(stats);
    } finally {
      groups.remove(jobGroup);
      stages.values().removeIf(t -> t == tally);
    }
    return stats;
  }

  @Override
  public void onJobStart(SparkListenerJobStart jobStart) {
    String group =
        jobStart.properties() == null ? null : jobStart.properties().getProperty(GROUP_ID);
    Tally tally = group == null ? null : groups.get(group);
    if (tally == null) {
      return;
    }
    for (StageInfo stage : CollectionConverters.asJava(jobStart.stageInfos())) {
      stages.put(stage.stageId(), tally);
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    Tally tally = stages.get(taskEnd.stageId());
    if (tally != null) {
      tally.add(taskEnd.taskInfo(), taskEnd.stageAttemptId());
      TaskMetrics metrics = taskEnd.taskMetrics();
      if (metrics != null) {
        tally.read(metrics.inputMetrics().bytesRead());
      }
    }
  }

  /** Counts of one group; updated by the listener thread, read after the bus drained. */
  private static final class Tally {
    private final Set<String> executors = new TreeSet<>();
    private int succeeded;
    private int failed;
    private int rerun;
    private long bytesRead;

    synchronized void add(TaskInfo task, int stageAttempt) {
      if (task.successful()) {
        succeeded++;
        executors.add(task.executorId());
        if (task.attemptNumber() > 0 || stageAttempt > 0) {
          rerun++;
        }
      } else if (task.failed()) {
        failed++;
      }
    }

    synchronized void read(long bytes) {
      bytesRead += bytes;
    }

    synchronized long bytesRead() {
      return bytesRead;
    }

    synchronized ExecutionStats stats(String jobGroup) {
      return new ExecutionStats(jobGroup, succeeded, failed, rerun, executors, bytesRead);
    }
  }
}
