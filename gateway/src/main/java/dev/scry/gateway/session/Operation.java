package dev.scry.gateway.session;

import dev.scry.gateway.error.ReportedError;
import dev.scry.gateway.exec.Execution;
import dev.scry.planner.PlannedStatement;
import dev.scry.planner.ScryException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.calcite.rel.type.RelDataType;

/**
 * One statement of a session, whatever protocol runs it: its plan once prepared, each execution under a
 * Spark job group of its own (so cancel stops exactly its jobs), its result being read, and one statement
 * log record per execution, batches included. Failures reach the client as {@link ReportedError}s,
 * logged under the execution's statement id.
 */
public final class Operation {
  /** Where the operation is. A prepared operation runs again and again; a closed one never. */
  public enum State {
    CREATED,
    PREPARED,
    RUNNING,
    FINISHED,
    FAILED,
    CLOSED
  }

  private final int id;
  private final Session session;
  private final OperationServices services;
  private volatile PlannedStatement plan;

  /** Whether {@link #plan} may be lent to other statements (a plain statement's kept plan). */
  private volatile boolean planShared;

  private volatile OperationResult result;
  private volatile ArrowResult batches;

  /** The query timeout of an Arrow result, running until its first batch is read (Flight's DoGet). */
  private volatile StatementTimer.Armed firstBatchTimer = StatementTimer.DISARMED;

  private volatile String jobGroup;

  /** The current execution's clock: its statement id, for figures the protocol layer counts. */
  private volatile StatementClock current;

  private volatile boolean cancelled;

  /** Set when the gateway's query timeout stopped the current execution. */
  private volatile Duration timedOutAfter;

  private volatile State state = State.CREATED;
  private int executions;

  Operation(int id, Session session, OperationServices services) {
    this.id = id;
    this.session = Objects.requireNonNull(session, "session");
    this.services = Objects.requireNonNull(services, "services");
  }

  public int id() {
    return id;
  }

  public State state() {
    return state;
  }

  /** The plan of the last statement prepared or run; null before the first. */
  public PlannedStatement plan() {
    return plan;
  }

  /** Plans {@code sql} for later executions; a statement that does not plan leaves the operation as it was. */
  public PlannedStatement prepare(String sql) {
    PlannedStatement planned;
    try (Session.Activity ignored = session.activity()) {
      planned = services.executor().plan(sql, session.state());
    }
    plan = planned;
    planShared = false;
    state = State.PREPARED;
    return planned;
  }

  /**
   * Plans and runs {@code sql} as one statement (its log line covers both); returns its update count or
   * its rows with the first {@code firstBatchRows} of them.
   */
  public Outcome execute(String sql, long maxRowCount, int firstBatchRows) {
    closeResult();
    begin();
    StatementClock clock = StatementClock.start(services.errors().nextId(), session, id);
    current = clock;
    started(clock, sql);
    try (Session.Activity ignored = session.activity()) {
      plan = services.executor().planToRun(sql, session.state());
      planShared = true;
      Cancellation.throwIfCancelled(cancelled);
    } catch (Throwable e) {
      // An Error too (e.g. a StackOverflowError planning a deeply nested statement) ends the
      // statement.
      throw failed(clock, e);
    }
    return run(List.of(), maxRowCount, firstBatchRows, clock);
  }

  /** Runs the prepared statement with {@code parameters}. */
  public Outcome execute(List<Object> parameters, long maxRowCount, int firstBatchRows) {
    if (plan == null) {
      throw new ScryException("Statement " + id + " has not been prepared");
    }
    ownPlan();
    closeResult();
    begin();
    StatementClock clock = StatementClock.start(services.errors().nextId(), session, id);
    current = clock;
    started(clock, plan.sql());
    return run(parameters, maxRowCount, firstBatchRows, clock);
  }

  /**
   * A plan of this operation's own for another run of its last statement: a plain statement's plan goes
   * back to be kept and lent to others once its execution started, so it is planned again here.
   */
  private PlannedStatement ownPlan() {
    if (planShared) {
      try (Session.Activity ignored = session.activity()) {
        plan = services.executor().plan(plan.sql(), session.state());
      }
      planShared = false;
    }
    return plan;
  }

  private void started(StatementClock clock, String sql) {
    services
        .observer()
        .statementStarted(
            new StatementStart(
                clock.id(),
                clock.user(),
                clock.connectionId(),
                id,
                jobGroup,
                sql,
                System.currentTimeMillis()));
  }

  /** Into how many parts {@link #executeArrow} best splits the prepared statement's result. Runs nothing. */
  public int arrowParts(List<Object> parameters) {
    if (plan == null) {
      throw new ScryException("Statement " + id + " has not been prepared");
    }
    PlannedStatement own = ownPlan();
    try (Session.Activity ignored = session.activity()) {
      return services.executor().arrowParts(own, parameters);
    }
  }

  /**
   * Runs the prepared statement with {@code parameters}, its result as Arrow record batches of {@code
   * schema}'s types (at most {@code batchRows} rows each) built by the engine in {@code parts}, each
   * read with {@link #fetchArrow} (the parts at the same time, each by one reader): an {@link
   * Outcome.Batches}. When the engine cannot build them for this result, or the statement is not a
   * query, the outcome is what {@link #execute(List, long, int)} gives.
   */
  public Outcome executeArrow(List<Object> parameters, Schema schema, int batchRows, int parts) {
    if (plan == null) {
      throw new ScryException("Statement " + id + " has not been prepared");
    }
    ownPlan();
    closeResult();
    begin();
    StatementClock clock = StatementClock.start(services.errors().nextId(), session, id);
    current = clock;
    started(clock, plan.sql());
    // The query timeout runs until the first batch: an Arrow result's work starts when it is read.
    StatementTimer.Armed timer = services.timer().arm(this);
    try (Session.Activity ignored = session.activity()) {
      state = State.RUNNING;
      Execution execution;
      try {
        execution =
            services
                .executor()
                .executeArrow(
                    plan, parameters, session.state(), jobGroup, schema, batchRows, parts);
      } catch (Throwable e) {
        timer.close();
        throw failed(clock, Cancellation.explain(cancelled, timedOutAfter, e));
      }
      if (!execution.hasBatches()) {
        try {
          return outcome(execution, -1, batchRows, clock);
        } finally {
          timer.close();
        }
      }
      batches = new ArrowResult(execution, clock, services.observer(), services.errors());
      firstBatchTimer = timer;
      return new Outcome.Batches(execution.rowType(), batches.parts());
    }
  }

  /**
   * The next record batch of {@code part} of the result {@link #executeArrow} started (the caller closes
   * it); null at the part's end, or when the result was closed.
   */
  public ArrowRecordBatch fetchArrow(int part, BufferAllocator allocator) {
    ArrowResult current = batches;
    if (current == null) {
      return null;
    }
    try (Session.Activity ignored = session.activity()) {
      ArrowRecordBatch batch = current.next(part, allocator);
      stopFirstBatchTimer();
      if (batch == null && current.finished()) {
        state = State.FINISHED;
      }
      return batch;
    } catch (Throwable e) {
      stopFirstBatchTimer();
      state = State.FAILED;
      throw current.fail(Cancellation.explain(cancelled, timedOutAfter, e));
    }
  }

  /**
   * The protocol layer sent {@code bytes} of the current execution's result (Flight SQL: Arrow IPC
   * messages), for {@code scry.queries} and the metrics.
   */
  public void resultSent(long bytes) {
    StatementClock clock = current;
    if (clock != null) {
      services.observer().resultBytesSent(clock.id(), clock.connectionId(), bytes);
    }
  }

  /** Each statement in turn, each one a statement of its own (job group, log line); their update counts. */
  public long[] executeStatements(List<String> statements) {
    long[] counts = new long[statements.size()];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = updateCountOf(execute(statements.get(i), -1, 0));
    }
    return counts;
  }

  /** The prepared statement once per parameter set, each execution a statement of its own; the counts. */
  public long[] executeEach(List<List<Object>> parameterSets) {
    long[] counts = new long[parameterSets.size()];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = updateCountOf(execute(parameterSets.get(i), -1, 0));
    }
    return counts;
  }

  /** The row type of the result being read, or null when there is none. */
  public RelDataType resultRowType() {
    OperationResult current = result;
    return current == null ? null : current.rowType();
  }

  /** The next rows of the current result, from {@code offset}; null when there is no result to read. */
  public Batch fetch(long offset, int maxRows) {
    OperationResult current = result;
    if (current == null) {
      return null;
    }
    try (Session.Activity ignored = session.activity()) {
      Batch batch = current.next(offset, maxRows);
      if (batch.done()) {
        state = State.FINISHED;
      }
      return batch;
    } catch (Throwable e) {
      state = State.FAILED;
      throw current.fail(Cancellation.explain(cancelled, timedOutAfter, e));
    }
  }

  /** Stops the running execution's Spark jobs; it then fails as cancelled. */
  public void cancel() {
    cancelled = true;
    String group = jobGroup;
    if (group != null) {
      services.executor().cancel(group);
    }
  }

  /** Stops the running execution because it ran past {@code limit}; it then fails as timed out. */
  void timeOut(Duration limit) {
    timedOutAfter = limit;
    cancel();
  }

  void close() {
    closeResult();
    state = State.CLOSED;
  }

  private Outcome run(
      List<Object> parameters, long maxRowCount, int firstBatchRows, StatementClock clock) {
    // The gateway's query timeout covers the work up to the first rows, as the Scry driver's does.
    try (Session.Activity ignored = session.activity();
        StatementTimer.Armed unused = services.timer().arm(this)) {
      state = State.RUNNING;
      Execution execution;
      try {
        execution = services.executor().execute(plan, parameters, session.state(), jobGroup);
      } catch (Throwable e) {
        // Throwable: Spark's Scala code also throws checked exceptions (an IOException from
        // storage) undeclared.
        throw failed(clock, Cancellation.explain(cancelled, timedOutAfter, e));
      }
      return outcome(execution, maxRowCount, firstBatchRows, clock);
    }
  }

  /** The outcome of a started execution: its update count, or its result opened with the first rows. */
  private Outcome outcome(
      Execution execution, long maxRowCount, int firstBatchRows, StatementClock clock) {
    if (!execution.hasRows()) {
      services.observer().statementFinished(clock.finish(0, StatementRecord.OK));
      state = State.FINISHED;
      return new Outcome.Count(execution.updateCount());
    }
    OperationResult opened =
        new OperationResult(execution, maxRowCount, clock, services.observer(), services.errors());
    result = opened;
    Batch first;
    try {
      first = opened.next(0, firstBatchRows);
    } catch (Throwable e) {
      result = null;
      state = State.FAILED;
      throw opened.fail(Cancellation.explain(cancelled, timedOutAfter, e));
    }
    state = first.done() ? State.FINISHED : State.RUNNING;
    return new Outcome.Rows(opened.rowType(), first);
  }

  /**
   * Starts a new execution with a job group of its own: Spark keeps refusing jobs of a group it cancelled
   * with "and future jobs", so a group name is never reused after a cancel.
   */
  private synchronized void begin() {
    executions++;
    cancelled = false;
    timedOutAfter = null;
    jobGroup = "scry-" + session.id() + "-" + id + "-" + executions;
  }

  /** A statement in a batch reports its update count; rows it returns are not read (JDBC's batches count). */
  private long updateCountOf(Outcome outcome) {
    if (outcome instanceof Outcome.Count count) {
      return count.updateCount();
    }
    closeResult();
    return -1;
  }

  private ReportedError failed(StatementClock clock, Throwable failure) {
    state = State.FAILED;
    return clock.fail(services.errors(), services.observer(), 0, failure);
  }

  private void stopFirstBatchTimer() {
    StatementTimer.Armed timer = firstBatchTimer;
    firstBatchTimer = StatementTimer.DISARMED;
    timer.close();
  }

  private void closeResult() {
    stopFirstBatchTimer();
    OperationResult current = result;
    result = null;
    if (current != null) {
      current.close();
    }
    ArrowResult currentBatches = batches;
    batches = null;
    if (currentBatches != null) {
      currentBatches.close();
    }
  }
}
