package dev.scry.engine;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.scheduler.TaskInfo;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Counts the task attempts of the job groups it was asked to watch: where they ran and how many failed.
 * Spark delivers listener events on its own thread, after the fact; callers wait for the listener bus
 * before they read a group's {@link ExecutionStats}.
 */
final class ExecutionTaskListener extends SparkListener {
  private static final String GROUP_ID = "spark.jobGroup.id";

  private final Map<String, Tally> groups = new ConcurrentHashMap<>();
  private final Map<Integer, Tally> stages = new ConcurrentHashMap<>();

  /** Starts counting the tasks of {@code jobGroup}. */
  void watch(String jobGroup) {
    groups.put(jobGroup, new Tally());
  }

  /** Stops counting {@code jobGroup} and returns what was counted. */
  ExecutionStats release(String jobGroup) {
    Tally tally = groups.remove(jobGroup);
    if (tally == null) {
      return new ExecutionStats(jobGroup, 0, 0, 0, Set.of());
    }
    stages.values().removeIf(t -> t == tally);
    return tally.stats(jobGroup);
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
    }
  }

  /** Counts of one group; updated by the listener thread, read after the bus drained. */
  private static final class Tally {
    private final Set<String> executors = new TreeSet<>();
    private int succeeded;
    private int failed;
    private int rerun;

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

    synchronized ExecutionStats stats(String jobGroup) {
      return new ExecutionStats(jobGroup, succeeded, failed, rerun, executors);
    }
  }
}
