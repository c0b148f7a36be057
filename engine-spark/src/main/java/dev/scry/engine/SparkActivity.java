package dev.scry.engine;

import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import org.apache.spark.JobExecutionStatus;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.SparkStatusTracker;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * What Spark is doing, for monitoring: task attempts that failed and bytes read from storage since the
 * gateway started (a listener on the driver, fed by every executor's task metrics), how many executors
 * there are and how far a statement's jobs got (Spark's status tracker, live).
 */
public final class SparkActivity {
  /**
   * Tasks of a statement's jobs: finished and in all. Jobs Spark has not started yet (a later
   * partition of a streamed result, the next stage adaptive execution plans) are not counted, so the
   * total can grow while a statement runs.
   */
  public record TaskProgress(int done, int total) {}

  private final SparkContext context;
  private final LongAdder failedTasks = new LongAdder();
  private final LongAdder bytesRead = new LongAdder();
  private final TaskEnds listener = new TaskEnds();

  private SparkActivity(SparkContext context) {
    this.context = Objects.requireNonNull(context, "context");
  }

  /** Starts listening to {@code context}'s tasks. */
  public static SparkActivity attach(SparkContext context) {
    SparkActivity activity = new SparkActivity(context);
    context.addSparkListener(activity.listener);
    return activity;
  }

  /** Stops listening (a gateway closed while its JVM's Spark context lives on). */
  public void detach() {
    context.removeSparkListener(listener);
  }

  /** Task attempts that failed (not killed) since the gateway started. */
  public long failedTasks() {
    return failedTasks.sum();
  }

  /** Bytes the tasks read from their input files (Spark's input metrics), since the gateway started. */
  public long bytesRead() {
    return bytesRead.sum();
  }

  /** Executors Spark knows now, the driver included (1 in local mode). */
  public int executors() {
    return context.statusTracker().getExecutorInfos().length;
  }

  /** Whether the Spark context is up. */
  public boolean running() {
    return !context.isStopped();
  }

  /** How many tasks of {@code jobGroup}'s jobs have finished, out of how many they have. */
  public TaskProgress progress(String jobGroup) {
    SparkStatusTracker tracker = context.statusTracker();
    int done = 0;
    int total = 0;
    for (int job : tracker.getJobIdsForGroup(jobGroup)) {
      SparkJobInfo info = tracker.getJobInfo(job).getOrElse(() -> null);
      if (info == null) {
        continue;
      }
      // A succeeded job's stages count as done: Spark skips stages whose output it already has
      // (adaptive execution re-plans into new jobs), and their tasks never complete.
      boolean succeeded = info.status() == JobExecutionStatus.SUCCEEDED;
      for (int stage : info.stageIds()) {
        SparkStageInfo stageInfo = tracker.getStageInfo(stage).getOrElse(() -> null);
        if (stageInfo != null) {
          done += succeeded ? stageInfo.numTasks() : stageInfo.numCompletedTasks();
          total += stageInfo.numTasks();
        }
      }
    }
    return new TaskProgress(done, total);
  }

  private final class TaskEnds extends SparkListener {
    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
      if (taskEnd.taskInfo() != null && taskEnd.taskInfo().failed()) {
        failedTasks.increment();
      }
      TaskMetrics metrics = taskEnd.taskMetrics();
      if (metrics != null) {
        bytesRead.add(metrics.inputMetrics().bytesRead());
      }
    }
  }
}
