package dev.scry.engine.analyze;

import dev.scry.engine.ExecutionStats;
import dev.scry.engine.ExecutionTaskListener;
import dev.scry.engine.SystemTableSource;
import dev.scry.engine.predict.InputObserver;
import dev.scry.engine.predict.ModelUsage;
import dev.scry.engine.predict.OnnxPredictRunner;
import dev.scry.engine.translate.RelToSpark;
import dev.scry.engine.translate.ScanReader;
import dev.scry.planner.QueryPlan;
import dev.scry.planner.spi.QueryAnalyzer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.function.VoidFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.execution.SQLExecution;
import scala.Option;

/**
 * EXPLAIN ANALYZE on Spark: translates the plan as a query would be, with a meter on each PREDICT, runs
 * Spark's physical plan to the end discarding every row, and reports Spark's own SQL metrics of that
 * plan, the PREDICT counts, the bytes its tasks read from storage (their input metrics, counted for the
 * caller's job group) and where Spark's UI shows the run. It runs as one SQL execution (Spark's SQL tab
 * lists it) in the caller's job group.
 */
public final class SparkQueryAnalyzer implements QueryAnalyzer {
  private static final String JOB_GROUP = "spark.jobGroup.id";
  private static final long LISTENER_WAIT_MILLIS = 10_000;

  /** Consumes a partition's rows; the rows never leave the task. */
  private static final VoidFunction<Iterator<InternalRow>> DISCARD =
      rows -> {
        while (rows.hasNext()) {
          rows.next();
        }
      };

  private final SparkSession spark;
  private final ScanReader scans;
  private final ModelUsage usage;
  private final SystemTableSource systemTables;
  private final ExecutionTaskListener tasks;

  /**
   * @param usage the gateway's per model version counters: an analyzed PREDICT scores as any other
   * @param systemTables the gateway's system tables, so that they can be analyzed too
   * @param tasks counts the run's tasks and bytes read, and reports them as a query's
   */
  public SparkQueryAnalyzer(
      SparkSession spark,
      ScanReader scans,
      ModelUsage usage,
      SystemTableSource systemTables,
      ExecutionTaskListener tasks) {
    this.spark = Objects.requireNonNull(spark, "spark");
    this.scans = Objects.requireNonNull(scans, "scans");
    this.usage = Objects.requireNonNull(usage, "usage");
    this.systemTables = Objects.requireNonNull(systemTables, "systemTables");
    this.tasks = Objects.requireNonNull(tasks, "tasks");
  }

  @Override
  public List<String> analyze(QueryPlan query) {
    SparkContext context = spark.sparkContext();
    PredictMeters meters = new PredictMeters(context);
    Dataset<Row> result =
        new RelToSpark(
                spark,
                scans,
                new OnnxPredictRunner(usage, meters, spec -> InputObserver.NONE),
                systemTables)
            .translate(query.rel(), List.of());
    QueryExecution execution = result.queryExecution();
    long started = System.nanoTime();
    Runnable run =
        () ->
            SQLExecution.withNewExecutionId(
                execution,
                Option.apply("EXPLAIN ANALYZE"),
                () -> {
                  execution.toRdd().toJavaRDD().foreachPartition(DISCARD);
                  return null;
                });
    String group = context.getLocalProperty(JOB_GROUP);
    ExecutionStats stats = null;
    if (group == null) {
      run.run();
    } else {
      stats = tasks.measure(context, group, LISTENER_WAIT_MILLIS, run);
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    List<String> lines = new ArrayList<>();
    lines.add("Ran in " + millis + " ms; Spark's plan as it ran, with what Spark measured:");
    lines.addAll(OperatorMetrics.lines(execution.executedPlan()));
    for (PredictMeter meter : meters.meters()) {
      lines.add(meter.describe());
    }
    if (stats != null) {
      lines.add(
          "Read from storage: "
              + stats.bytesRead()
              + " bytes in "
              + stats.succeededTasks()
              + " task(s) (Spark's input metrics)");
    }
    sparkUi(context, execution).ifPresent(lines::add);
    return List.copyOf(lines);
  }

  /** Where Spark's UI shows this run, when the UI is on: the SQL execution and the jobs of the group. */
  private static Optional<String> sparkUi(SparkContext context, QueryExecution execution) {
    if (context.uiWebUrl().isEmpty()) {
      return Optional.empty();
    }
    String ui = context.uiWebUrl().get();
    String group = context.getLocalProperty(JOB_GROUP);
    int[] jobIds = group == null ? new int[0] : context.statusTracker().getJobIdsForGroup(group);
    String jobs =
        Arrays.stream(jobIds)
            .sorted()
            .mapToObj(id -> "; job " + ui + "/jobs/job/?id=" + id)
            .collect(Collectors.joining());
    return Optional.of("Spark UI: " + ui + "/SQL/execution/?id=" + execution.id() + jobs);
  }
}
