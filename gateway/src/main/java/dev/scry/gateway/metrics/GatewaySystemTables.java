package dev.scry.gateway.metrics;

import dev.scry.engine.ExecutionTaskListener;
import dev.scry.engine.SparkActivity;
import dev.scry.engine.SystemTableSource;
import dev.scry.engine.predict.ModelUsage;
import dev.scry.engine.predict.ScoringFigures;
import dev.scry.gateway.session.SessionManager;
import dev.scry.gateway.session.SessionSummary;
import dev.scry.planner.system.SystemTable;
import dev.scry.planner.system.SystemTables;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The rows of {@code scry.queries}, {@code scry.sessions} and {@code scry.model_usage}, made from the
 * gateway's memory when a query reads them. The session manager is attached once it exists: it is
 * built on the engine, which needs this source first.
 */
public final class GatewaySystemTables implements SystemTableSource {
  private final StatementHistory history;
  private final ModelUsage usage;
  private final SparkActivity spark;
  private final ExecutionTaskListener tasks;
  private final AtomicReference<SessionManager> sessions = new AtomicReference<>();

  /** {@code tasks} gives the bytes read so far by statements whose Spark counts are not final yet. */
  public GatewaySystemTables(
      StatementHistory history,
      ModelUsage usage,
      SparkActivity spark,
      ExecutionTaskListener tasks) {
    this.history = Objects.requireNonNull(history, "history");
    this.usage = Objects.requireNonNull(usage, "usage");
    this.spark = Objects.requireNonNull(spark, "spark");
    this.tasks = Objects.requireNonNull(tasks, "tasks");
  }

  /** The sessions {@code scry.sessions} lists; set once, when the session manager is made. */
  public void attach(SessionManager manager) {
    if (!sessions.compareAndSet(null, Objects.requireNonNull(manager, "manager"))) {
      throw new IllegalStateException("A session manager is already attached");
    }
  }

  @Override
  public List<List<Object>> rows(SystemTable table) {
    if (table == SystemTables.QUERIES) {
      return queries();
    }
    if (table == SystemTables.SESSIONS) {
      return sessions();
    }
    if (table == SystemTables.MODEL_USAGE) {
      return modelUsage();
    }
    throw new IllegalArgumentException("No rows for system table " + table.name());
  }

  private List<List<Object>> queries() {
    List<List<Object>> rows = new ArrayList<>();
    for (StatementHistory.Entry entry : history.snapshot()) {
      SparkActivity.TaskProgress progress = spark.progress(entry.jobGroup());
      rows.add(
          Arrays.asList(
              entry.id(),
              entry.user(),
              entry.protocol(),
              entry.state(),
              new Timestamp(entry.startMillis()),
              entry.durationMillis(),
              entry.rows(),
              bytesRead(entry),
              entry.sqlState(),
              entry.digest(),
              progress.done(),
              progress.total(),
              entry.bytesSent(),
              entry.reused()));
    }
    return rows;
  }

  /**
   * Spark's final count once it arrived, else what the statement's finished tasks read so far; 0 for
   * a result from the cache (nothing was read); null for a statement that ran no query on Spark.
   */
  private Long bytesRead(StatementHistory.Entry entry) {
    if (entry.bytesRead() != null) {
      return entry.bytesRead();
    }
    OptionalLong sofar = tasks.bytesRead(entry.jobGroup());
    if (sofar.isPresent()) {
      return sofar.getAsLong();
    }
    return Boolean.TRUE.equals(entry.reused()) ? Long.valueOf(0) : null;
  }

  private List<List<Object>> sessions() {
    SessionManager manager = sessions.get();
    if (manager == null) {
      return List.of();
    }
    List<List<Object>> rows = new ArrayList<>();
    for (SessionSummary s : manager.summaries()) {
      rows.add(
          Arrays.asList(
              s.id(),
              s.user(),
              s.protocol(),
              s.openStatements(),
              s.runningStatements(),
              s.idleMillis()));
    }
    return rows;
  }

  private List<List<Object>> modelUsage() {
    List<List<Object>> rows = new ArrayList<>();
    for (ModelUsage.VersionUsage used : usage.snapshot()) {
      ScoringFigures f = used.figures();
      rows.add(
          Arrays.asList(
              used.model(),
              used.version(),
              f.rows(),
              f.batches(),
              f.meanBatchMillis(),
              f.p95BatchMillis(),
              f.errors(),
              f.lastUsedMillis() == 0 ? null : new Timestamp(f.lastUsedMillis())));
    }
    return rows;
  }
}
