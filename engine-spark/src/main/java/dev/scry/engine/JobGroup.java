package dev.scry.engine;

import org.apache.spark.SparkContext;

/**
 * Puts the calling thread's Spark jobs into one job group for a while, then restores what the thread
 * had before. Needed around every step of a result iteration: Spark starts the job for the next
 * partition on whichever thread asks for it, and job-group settings are thread-local.
 */
final class JobGroup implements AutoCloseable {
  private static final String GROUP_ID = "spark.jobGroup.id";
  private static final String DESCRIPTION = "spark.job.description";
  private static final String INTERRUPT_ON_CANCEL = "spark.job.interruptOnCancel";
  private static final String POOL = "spark.scheduler.pool";

  private final SparkContext context;
  private final String previousGroup;
  private final String previousDescription;
  private final String previousInterrupt;
  private final String previousPool;

  private JobGroup(SparkContext context) {
    this.context = context;
    this.previousGroup = context.getLocalProperty(GROUP_ID);
    this.previousDescription = context.getLocalProperty(DESCRIPTION);
    this.previousInterrupt = context.getLocalProperty(INTERRUPT_ON_CANCEL);
    this.previousPool = context.getLocalProperty(POOL);
  }

  static JobGroup enter(SparkContext context, String groupId, String description) {
    JobGroup scope = new JobGroup(context);
    context.setJobGroup(groupId, description, true);
    // The FAIR scheduler's pool of the statement's session (SchedulerPools says why per session).
    context.setLocalProperty(
        POOL,
        SchedulerPools.poolFor(
            groupId, context.conf().getInt(SchedulerPools.POOLS, SchedulerPools.DEFAULT_POOLS)));
    return scope;
  }

  @Override
  public void close() {
    context.setLocalProperty(GROUP_ID, previousGroup);
    context.setLocalProperty(DESCRIPTION, previousDescription);
    context.setLocalProperty(INTERRUPT_ON_CANCEL, previousInterrupt);
    context.setLocalProperty(POOL, previousPool);
  }
}
