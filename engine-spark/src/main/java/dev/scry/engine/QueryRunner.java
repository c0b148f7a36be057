package dev.scry.engine;

import dev.scry.engine.predict.PredictRunner;
import dev.scry.engine.translate.RelToSpark;
import dev.scry.engine.translate.ScanReader;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs optimized Calcite plans on Spark: as Datasets (for EXPLAIN and writes) or as streamed results.
 * When a result is finished, the statement log (logger {@code dev.scry.engine.QueryRunner}, INFO) says
 * how many tasks ran on which executors and how many failed task attempts Spark retried.
 */
public final class QueryRunner {
  private static final Logger LOG = LoggerFactory.getLogger(QueryRunner.class);
  private static final int LOGGED_SQL_CHARS = 200;
  private static final long LISTENER_WAIT_MILLIS = 10_000;

  /** Statement log lines wait for Spark's listener bus: off the thread that serves the client. */
  private static final ExecutorService STATEMENT_LOG =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "scry-statement-log");
            thread.setDaemon(true);
            return thread;
          });

  private final SparkSession spark;
  private final RelToSpark translator;
  private final ExecutionTaskListener tasks;
  private final AdaptiveExecution adaptive;

  /**
   * How to stop each unfinished cursor, by job group, for {@link #cancel}: a collected result has no job
   * left to stop, so its cursor is told.
   */
  private final Map<String, Runnable> open = new ConcurrentHashMap<>();

  public QueryRunner(SparkSession spark, ScanReader scanReader, PredictRunner predictRunner) {
    this(spark, scanReader, predictRunner, SystemTableSource.NONE);
  }

  /** A runner whose queries read the gateway's system tables from {@code systemTables}. */
  public QueryRunner(
      SparkSession spark,
      ScanReader scanReader,
      PredictRunner predictRunner,
      SystemTableSource systemTables) {
    this(spark, scanReader, predictRunner, systemTables, ownListener(spark));
  }

  /**
   * A runner whose executions are counted by {@code tasks} (attached to {@code spark}'s context), which
   * reports each one's figures when its result ends.
   */
  public QueryRunner(
      SparkSession spark,
      ScanReader scanReader,
      PredictRunner predictRunner,
      SystemTableSource systemTables,
      ExecutionTaskListener tasks) {
    this.spark = Objects.requireNonNull(spark, "spark");
    this.translator = new RelToSpark(spark, scanReader, predictRunner, systemTables);
    this.adaptive = new AdaptiveExecution(spark);
    this.tasks = Objects.requireNonNull(tasks, "tasks");
  }

  private static ExecutionTaskListener ownListener(SparkSession spark) {
    return ExecutionTaskListener.attach(spark.sparkContext(), ExecutionObserver.NONE);
  }

  /** The Dataset computing {@code plan}, columns named and typed as its Calcite row type. Runs nothing. */
  public Dataset<Row> toDataset(RelNode plan, List<Object> parameters) {
    return translator.translate(plan, parameters);
  }

  /**
   * Starts {@code plan} and returns its rows as a cursor. All Spark jobs of this execution run in job
   * group {@code jobGroupId}, which must be unique per execution; {@link #cancel} stops them.
   */
  public ResultCursor execute(
      RelNode plan, List<Object> parameters, String jobGroupId, String description) {
    Objects.requireNonNull(jobGroupId, "jobGroupId");
    // A global aggregate over PREDICT, say, runs as one job: see AdaptiveExecution.
    Dataset<Row> result = adaptive.forExecution(plan, toDataset(plan, parameters));
    SparkContext context = spark.sparkContext();
    Iterator<Row> rows;
    tasks.watch(jobGroupId);
    // Planning the Dataset may already run jobs (sampling for a sort, broadcasts), so inside the
    // group.
    try (JobGroup ignored = JobGroup.enter(context, jobGroupId, description)) {
      rows = ResultFetch.rows(spark, result);
    } catch (Exception e) {
      tasks.release(jobGroupId);
      // collectAsList throws Spark's checked SparkException (a cancelled job, say) undeclared:
      // callers
      // catch runtime exceptions, so it is wrapped, keeping Spark's message.
      throw e instanceof RuntimeException runtime
          ? runtime
          : new IllegalStateException(e.getMessage(), e);
    }
    ZoneId zone = ZoneId.of(spark.conf().get("spark.sql.session.timeZone"));
    ResultCursor cursor =
        new ResultCursor(
            context,
            jobGroupId,
            description,
            result.schema(),
            rows,
            new JavaValues(zone),
            () -> {
              open.remove(jobGroupId);
              logFinished(context, jobGroupId, description);
            });
    open.put(jobGroupId, cursor::cancel);
    return cursor;
  }

  /**
   * Into how many parts (Flight endpoints read at the same time) the Arrow result of {@code plan} is
   * best split: one when its rows are ordered (ORDER BY: one reader keeps the order) or Spark estimates
   * the result small (one job collects it), else one per core Spark runs tasks on. Runs nothing.
   */
  public int arrowParts(RelNode plan, List<Object> parameters) {
    // A result that reads no table (constants, VALUES) is small: no need to ask Spark's optimizer,
    // whose first analysis in a fresh gateway takes seconds.
    if (ResultOrder.ordered(plan) || RelOptUtil.findAllTables(plan).isEmpty()) {
      return 1;
    }
    if (ResultFetch.collectsAtOnce(
        toDataset(plan, parameters), ResultFetch.collectMaxBytes(spark))) {
      return 1;
    }
    return Math.max(1, spark.sparkContext().defaultParallelism());
  }

  /**
   * Starts {@code plan} with its result built as Arrow record batches of at most {@code batchRows} rows
   * in Spark's tasks, of exactly the Arrow types of {@code target}, in {@code parts} to be read at the
   * same time; null (nothing started) when Spark's Arrow conversion cannot give those types, and the
   * caller reads rows with {@link #execute} instead.
   */
  public ArrowBatchCursor executeArrow(
      RelNode plan,
      List<Object> parameters,
      String jobGroupId,
      String description,
      Schema target,
      int batchRows,
      int parts) {
    Objects.requireNonNull(jobGroupId, "jobGroupId");
    String zone = spark.conf().get("spark.sql.session.timeZone");
    Dataset<Row> result = ArrowResultTypes.align(toDataset(plan, parameters), target, zone);
    if (result == null) {
      return null;
    }
    SparkContext context = spark.sparkContext();
    ArrowBatchCursor cursor;
    tasks.watch(jobGroupId);
    // Building the batches' RDD runs the plan's stages before the last (adaptive execution), so
    // inside the group.
    try (JobGroup ignored = JobGroup.enter(context, jobGroupId, description)) {
      cursor =
          ResultFetch.arrowBatches(
              spark,
              result,
              batchRows,
              zone,
              parts,
              jobGroupId,
              description,
              () -> {
                open.remove(jobGroupId);
                logFinished(context, jobGroupId, description);
              });
    } catch (Exception e) {
      tasks.release(jobGroupId);
      throw e instanceof RuntimeException runtime
          ? runtime
          : new IllegalStateException(e.getMessage(), e);
    }
    open.put(jobGroupId, cursor::cancel);
    return cursor;
  }

  private void logFinished(SparkContext context, String jobGroupId, String description) {
    STATEMENT_LOG.execute(
        () -> {
          boolean complete = true;
          try {
            // Task events reach listeners asynchronously; those of this statement are queued by
            // now.
            context.listenerBus().waitUntilEmpty(LISTENER_WAIT_MILLIS);
          } catch (TimeoutException | RuntimeException e) {
            complete = false;
          }
          ExecutionStats stats = tasks.release(jobGroupId);
          LOG.info(
              "Statement {} finished: {}{} [{}]",
              jobGroupId,
              stats.describe(),
              complete ? "" : " (Spark's listener bus was still busy: counts may be short)",
              oneLine(description));
        });
  }

  private static String oneLine(String sql) {
    if (sql == null) {
      return "";
    }
    String line = sql.replaceAll("\\s+", " ").trim();
    return line.length() <= LOGGED_SQL_CHARS ? line : line.substring(0, LOGGED_SQL_CHARS) + "...";
  }

  /**
   * Runs {@code work} (a write, say) with every Spark job it starts in group {@code jobGroupId}, so that
   * {@link #cancel} stops it as it stops a query.
   */
  public <T> T inJobGroup(String jobGroupId, String description, Supplier<T> work) {
    Objects.requireNonNull(jobGroupId, "jobGroupId");
    try (JobGroup ignored = JobGroup.enter(spark.sparkContext(), jobGroupId, description)) {
      return work.get();
    }
  }

  /** Cancels the running and future jobs of an execution; its cursor then fails on the next step. */
  public void cancel(String jobGroupId) {
    spark.sparkContext().cancelJobGroupAndFutureJobs(jobGroupId);
    Runnable cursor = open.get(jobGroupId);
    if (cursor != null) {
      cursor.run();
    }
  }
}
