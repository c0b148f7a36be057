package dev.scry.gateway.avatica;

import dev.scry.gateway.error.ErrorReporter;
import dev.scry.gateway.error.ReportedError;
import dev.scry.gateway.exec.Execution;
import dev.scry.gateway.exec.StatementExecutor;
import dev.scry.planner.ColumnOrigin;
import dev.scry.planner.CommandPlan;
import dev.scry.planner.ErrorCode;
import dev.scry.planner.PlannedStatement;
import dev.scry.planner.QueryPlan;
import dev.scry.planner.ScryException;
import dev.scry.planner.SessionState;
import dev.scry.gateway.server.RequestUser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.ConnectionPropertiesImpl;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.avatica.MissingResultsException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.remote.TypedValue;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;

/**
 * Scry's Avatica {@code Meta}: the JDBC protocol on the server side. It keeps each connection's session
 * and statements, plans and executes statements through the {@link StatementExecutor}, and hands results
 * to the client in frames pulled straight from the engine's row iterator. Catalog browsing
 * (DatabaseMetaData) is answered by {@link CatalogMetadata} without running Spark jobs.
 */
public final class ScryMeta extends MetaImpl {
  private final StatementExecutor executor;
  private final CatalogMetadata metadata;
  private final GatewayLimits limits;
  private final StatementObserver observer;
  private final ErrorReporter errors;
  private final ConcurrentMap<String, ConnectionState> connections = new ConcurrentHashMap<>();
  private final AtomicInteger statementIds = new AtomicInteger();

  /** {@code errors} turns a statement's failure into the client's error, logged under the statement's id. */
  public ScryMeta(StatementExecutor executor, CatalogMetadata metadata, GatewayLimits limits,
      StatementObserver observer, ErrorReporter errors) {
    super(null);
    this.executor = Objects.requireNonNull(executor, "executor");
    this.metadata = Objects.requireNonNull(metadata, "metadata");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.observer = Objects.requireNonNull(observer, "observer");
    this.errors = Objects.requireNonNull(errors, "errors");
  }

  /** One open connection: its user, session and open statements, and when it was last used. */
  private static final class ConnectionState {
    final String user;
    final SessionState session;
    final ConnectionPropertiesImpl properties = new ConnectionPropertiesImpl();
    final ConcurrentMap<Integer, StatementState> statements = new ConcurrentHashMap<>();
    volatile long lastUsedNanos = System.nanoTime();
    /** Requests running now (execute, fetch): a connection is not idle while one of them runs. */
    final AtomicInteger busy = new AtomicInteger();

    ConnectionState(String user, SessionState session) {
      this.user = user;
      this.session = session;
      properties.setAutoCommit(true);
      properties.setReadOnly(false);
      properties.setSchema(session.schema());
    }
  }

  /** One statement: its plan once prepared, the result being fetched, if any, and its current execution. */
  private static final class StatementState {
    volatile PlannedStatement plan;
    volatile OpenResult result;
    /** The Spark job group of the current or last execution; {@link StatementCancel} stops it. */
    volatile String jobGroup;
    volatile boolean cancelled;
    private int executions;

    /**
     * Starts a new execution with a job group of its own: Spark keeps refusing jobs of a group it
     * cancelled with "and future jobs", so a group name is never reused after a cancel.
     */
    synchronized String begin(StatementHandle h) {
      executions++;
      cancelled = false;
      jobGroup = "scry-" + h.connectionId + "-" + h.id + "-" + executions;
      return jobGroup;
    }
  }

  /** A result being fetched frame by frame. */
  private final class OpenResult {
    final Execution execution;
    final List<RelDataType> columnTypes;
    final long maxRowCount;
    final StatementClock clock;
    long offset;
    boolean done;

    OpenResult(Execution execution, long maxRowCount, StatementClock clock) {
      this.execution = execution;
      this.clock = clock;
      this.columnTypes = execution.rowType().getFieldList().stream().map(RelDataTypeField::getType).toList();
      this.maxRowCount = maxRowCount;
    }

    synchronized Frame nextFrame(long requestedOffset, int maxRows) throws MissingResultsException {
      if (requestedOffset != offset) {
        throw new ScryException("Results can only be fetched in order: asked for offset " + requestedOffset
            + ", next is " + offset);
      }
      int wanted = (int) Math.min(maxRows, maxRowCount > 0 ? Math.max(0, maxRowCount - offset) : Long.MAX_VALUE);
      // Pulled as one batch: the engine then pays its per-step costs once per frame, not once per row.
      List<Object[]> batch = done ? List.of() : execution.rows().nextBatch(wanted);
      List<Object> rows = new ArrayList<>(batch.size());
      for (Object[] row : batch) {
        rows.add(convert(row));
      }
      if (!done && (rows.size() < wanted || (maxRowCount > 0 && offset + rows.size() >= maxRowCount)
          || !execution.rows().hasNext())) {
        done = true;
      }
      Frame frame = Frame.create(offset, done, rows);
      offset += rows.size();
      observer.frameSent(clock.connectionId(), clock.statementId(), rows.size());
      if (done) {
        execution.rows().close();
        observer.statementFinished(clock.finish(offset, StatementRecord.OK));
      }
      return frame;
    }

    private Object[] convert(Object[] row) {
      Object[] converted = new Object[row.length];
      for (int i = 0; i < row.length; i++) {
        converted[i] = JdbcTypes.toFrameValue(row[i], columnTypes.get(i));
      }
      return converted;
    }

    /** Ends the result after {@code failure}; returns the client's error for it. */
    synchronized ReportedError fail(Throwable failure) {
      if (done) {
        return errors.report(clock.id(), failure);
      }
      done = true;
      execution.rows().close();
      return failed(clock, offset, failure);
    }

    synchronized void close() {
      if (!done) {
        done = true;
        execution.rows().close();
        observer.statementFinished(clock.finish(offset, StatementRecord.CLOSED_EARLY));
      }
    }
  }

  // ---- connections -------------------------------------------------------------------------------

  @Override
  public void openConnection(ConnectionHandle ch, Map<String, String> info) {
    String schema = info == null ? null : info.get("schema");
    SessionState session = SessionState.withDefaultSchema();
    if (schema != null && !schema.isBlank()) {
      session.setSchema(executor.resolveSchema(schema));
    }
    synchronized (connections) {
      if (connections.size() >= limits.maxConnections()) {
        throw new ScryException(ErrorCode.CONNECTION_REJECTED, "Too many connections: the gateway allows "
            + limits.maxConnections() + " open connections (limits.max-connections); close connections you no"
            + " longer use");
      }
      connections.put(ch.id, new ConnectionState(RequestUser.current(), session));
    }
  }

  /** How many connections are open now. */
  public int openConnections() {
    return connections.size();
  }

  /**
   * Closes every connection that has made no request for the idle timeout, with its statements and
   * their results. Returns how many it closed.
   */
  public int expireIdleConnections() {
    long now = System.nanoTime();
    long idleNanos = limits.idleTimeout().toNanos();
    int expired = 0;
    for (Map.Entry<String, ConnectionState> entry : connections.entrySet()) {
      if (entry.getValue().busy.get() == 0 && now - entry.getValue().lastUsedNanos > idleNanos
          && connections.remove(entry.getKey(), entry.getValue())) {
        entry.getValue().statements.values().forEach(ScryMeta::closeResult);
        expired++;
      }
    }
    return expired;
  }

  @Override
  public void closeConnection(ConnectionHandle ch) {
    ConnectionState state = connections.remove(ch.id);
    if (state != null) {
      state.statements.values().forEach(s -> closeResult(s));
    }
  }

  @Override
  public ConnectionProperties connectionSync(ConnectionHandle ch, ConnectionProperties connProps) {
    ConnectionState state = connection(ch.id);
    if (connProps.getSchema() != null && !connProps.getSchema().equalsIgnoreCase(state.session.schema())) {
      state.session.setSchema(executor.resolveSchema(connProps.getSchema()));
    }
    state.properties.merge(connProps);
    state.properties.setSchema(state.session.schema());
    // Clean once applied: Avatica's client keeps the returned copy and syncs again, one more round trip
    // before each statement, for as long as it says dirty.
    state.properties.setDirty(false);
    return state.properties;
  }

  @Override
  public Map<DatabaseProperty, Object> getDatabaseProperties(ConnectionHandle ch) {
    return metadata.databaseProperties();
  }

  @Override
  public void commit(ConnectionHandle ch) {
    // Every statement commits on its own; there is nothing to commit.
  }

  @Override
  public void rollback(ConnectionHandle ch) {
    // As for commit: statements are not grouped into transactions.
  }

  // ---- statements --------------------------------------------------------------------------------

  @Override
  public StatementHandle createStatement(ConnectionHandle ch) {
    ConnectionState state = connection(ch.id);
    if (state.statements.size() >= limits.maxStatementsPerConnection()) {
      throw new ScryException(ErrorCode.LIMIT_EXCEEDED, "Too many open statements on this connection: the gateway"
          + " allows " + limits.maxStatementsPerConnection() + "; close statements you no longer use");
    }
    int id = statementIds.incrementAndGet();
    state.statements.put(id, new StatementState());
    return new StatementHandle(ch.id, id, null);
  }

  @Override
  public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
    StatementHandle handle = createStatement(ch);
    ConnectionState connection = connection(ch.id);
    PlannedStatement plan;
    try {
      plan = executor.plan(sql, connection.session);
    } catch (RuntimeException | Error e) {
      // The client never sees this handle, so it could never close it: without this each failed prepare
      // would hold one of the connection's statements until the connection closed.
      connection.statements.remove(handle.id);
      throw e;
    }
    statement(handle).plan = plan;
    handle.signature = signature(plan);
    return handle;
  }

  @SuppressWarnings("deprecation")
  @Override
  public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount,
      PrepareCallback callback) throws NoSuchStatementException {
    return prepareAndExecute(h, sql, maxRowCount, -1, callback);
  }

  @Override
  public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount,
      int maxRowsInFirstFrame, PrepareCallback callback) throws NoSuchStatementException {
    StatementState state = statementOrThrow(h);
    closeResult(state);
    state.begin(h);
    ConnectionState connection = connection(h.connectionId);
    StatementClock clock = StatementClock.start(errors.nextId(), connection.user, h);
    PlannedStatement plan;
    connection.busy.incrementAndGet();
    try {
      plan = executor.plan(sql, connection.session);
      StatementCancel.throwIfCancelled(state.cancelled);
    } catch (Throwable e) {
      // An Error too (e.g. a StackOverflowError planning a deeply nested statement) ends the statement.
      throw failed(clock, 0, e);
    } finally {
      connection.lastUsedNanos = System.nanoTime();
      connection.busy.decrementAndGet();
    }
    state.plan = plan;
    h.signature = signature(plan);
    return run(h, state, List.of(), maxRowCount, maxRowsInFirstFrame, clock);
  }

  @SuppressWarnings("deprecation")
  @Override
  public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues, long maxRowCount)
      throws NoSuchStatementException {
    return execute(h, parameterValues, -1);
  }

  @Override
  public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues, int maxRowsInFirstFrame)
      throws NoSuchStatementException {
    StatementState state = statementOrThrow(h);
    if (state.plan == null) {
      throw new ScryException("Statement " + h.id + " has not been prepared");
    }
    closeResult(state);
    List<Object> parameters = new ArrayList<>();
    for (TypedValue value : parameterValues == null ? List.<TypedValue>of() : parameterValues) {
      parameters.add(value == null ? null : value.toLocal());
    }
    h.signature = signature(state.plan);
    state.begin(h);
    return run(h, state, parameters, -1, maxRowsInFirstFrame);
  }

  private ExecuteResult run(StatementHandle h, StatementState state, List<Object> parameters, long maxRowCount,
      int maxRowsInFirstFrame) {
    return run(h, state, parameters, maxRowCount, maxRowsInFirstFrame,
        StatementClock.start(errors.nextId(), user(h), h));
  }

  private ExecuteResult run(StatementHandle h, StatementState state, List<Object> parameters, long maxRowCount,
      int maxRowsInFirstFrame, StatementClock clock) {
    ConnectionState connection = connection(h.connectionId);
    connection.busy.incrementAndGet();
    try {
      return runBusy(h, state, connection, parameters, maxRowCount, maxRowsInFirstFrame, clock);
    } finally {
      connection.lastUsedNanos = System.nanoTime();
      connection.busy.decrementAndGet();
    }
  }

  private ExecuteResult runBusy(StatementHandle h, StatementState state, ConnectionState connection,
      List<Object> parameters, long maxRowCount, int maxRowsInFirstFrame, StatementClock clock) {
    Execution execution;
    try {
      execution = executor.execute(state.plan, parameters, connection.session, state.jobGroup);
    } catch (Throwable e) {
      // Throwable: Spark's Scala code also throws checked exceptions (an IOException from storage) undeclared.
      throw failed(clock, 0, StatementCancel.explain(state.cancelled, e));
    }
    if (!execution.hasRows()) {
      observer.statementFinished(clock.finish(0, StatementRecord.OK));
      return new ExecuteResult(List.of(MetaResultSet.count(h.connectionId, h.id, execution.updateCount())));
    }
    OpenResult result = new OpenResult(execution, maxRowCount, clock);
    state.result = result;
    Frame first;
    try {
      first = result.nextFrame(0, limits.frameSize(maxRowsInFirstFrame));
    } catch (Throwable e) {
      state.result = null;
      throw result.fail(StatementCancel.explain(state.cancelled, e));
    }
    Signature signature = h.signature;
    return new ExecuteResult(List.of(MetaResultSet.create(h.connectionId, h.id, false, signature, first)));
  }

  @Override
  public Frame fetch(StatementHandle h, long offset, int fetchMaxRowCount)
      throws NoSuchStatementException, MissingResultsException {
    StatementState state = statementOrThrow(h);
    OpenResult result = state.result;
    if (result == null) {
      throw new MissingResultsException(h);
    }
    ConnectionState connection = connection(h.connectionId);
    connection.busy.incrementAndGet();
    try {
      return result.nextFrame(offset, limits.frameSize(fetchMaxRowCount));
    } catch (Throwable e) {
      throw result.fail(StatementCancel.explain(state.cancelled, e));
    } finally {
      connection.lastUsedNanos = System.nanoTime();
      connection.busy.decrementAndGet();
    }
  }

  @Override
  public void closeStatement(StatementHandle h) {
    ConnectionState connection = connections.get(h.connectionId);
    if (connection == null) {
      return;
    }
    StatementState state = connection.statements.remove(h.id);
    if (state != null) {
      closeResult(state);
    }
  }

  @Override
  public boolean syncResults(StatementHandle sh, QueryState state, long offset) {
    // Scry's driver sends its cancel as this request (Avatica has no cancel message); others never do.
    if (StatementCancel.isCancelRequest(state)) {
      ConnectionState connection = connections.get(sh.connectionId);
      StatementState statement = connection == null ? null : connection.statements.get(sh.id);
      if (statement != null) {
        statement.cancelled = true;
        String jobGroup = statement.jobGroup;
        if (jobGroup != null) {
          executor.cancel(jobGroup);
        }
      }
    }
    return false;
  }

  @Override
  public ExecuteBatchResult prepareAndExecuteBatch(StatementHandle h, List<String> sqlCommands)
      throws NoSuchStatementException {
    StatementState state = statementOrThrow(h);
    ConnectionState connection = connection(h.connectionId);
    long[] counts = new long[sqlCommands.size()];
    for (int i = 0; i < counts.length; i++) {
      state.plan = executor.plan(sqlCommands.get(i), connection.session);
      Execution execution = executor.execute(state.plan, List.of(), connection.session, "scry-batch-" + h.id);
      if (execution.hasRows()) {
        execution.rows().close();
      }
      counts[i] = execution.updateCount();
    }
    return new ExecuteBatchResult(counts);
  }

  @Override
  public ExecuteBatchResult executeBatch(StatementHandle h, List<List<TypedValue>> parameterValues)
      throws NoSuchStatementException {
    StatementState state = statementOrThrow(h);
    ConnectionState connection = connection(h.connectionId);
    long[] counts = new long[parameterValues.size()];
    for (int i = 0; i < counts.length; i++) {
      List<Object> parameters = new ArrayList<>();
      parameterValues.get(i).forEach(v -> parameters.add(v == null ? null : v.toLocal()));
      Execution execution = executor.execute(state.plan, parameters, connection.session, "scry-batch-" + h.id);
      if (execution.hasRows()) {
        execution.rows().close();
      }
      counts[i] = execution.updateCount();
    }
    return new ExecuteBatchResult(counts);
  }

  @Override
  public Iterable<Object> createIterable(StatementHandle stmt, QueryState state, Signature signature,
      List<TypedValue> parameters, Frame firstFrame) {
    throw new UnsupportedOperationException("createIterable is a client-side call");
  }

  // ---- DatabaseMetaData --------------------------------------------------------------------------

  @Override
  public MetaResultSet getCatalogs(ConnectionHandle ch) {
    connection(ch.id);
    return metadata.catalogs(ch.id, statementIds.incrementAndGet());
  }

  @Override
  public MetaResultSet getSchemas(ConnectionHandle ch, String catalog, Pat schemaPattern) {
    connection(ch.id);
    return metadata.schemas(ch.id, statementIds.incrementAndGet(), schemaPattern.s);
  }

  @Override
  public MetaResultSet getTables(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat tableNamePattern,
      List<String> typeList) {
    connection(ch.id);
    return metadata.tables(ch.id, statementIds.incrementAndGet(), schemaPattern.s, tableNamePattern.s, typeList);
  }

  @Override
  public MetaResultSet getColumns(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat tableNamePattern,
      Pat columnNamePattern) {
    connection(ch.id);
    return metadata.columns(ch.id, statementIds.incrementAndGet(), catalog, schemaPattern.s, tableNamePattern.s,
        columnNamePattern.s);
  }

  @Override
  public MetaResultSet getTableTypes(ConnectionHandle ch) {
    connection(ch.id);
    return metadata.tableTypes(ch.id, statementIds.incrementAndGet());
  }

  @Override
  public MetaResultSet getTypeInfo(ConnectionHandle ch) {
    connection(ch.id);
    return metadata.typeInfo(ch.id, statementIds.incrementAndGet());
  }

  @Override
  protected <E> MetaResultSet createEmptyResultSet(Class<E> clazz) {
    return metadata.empty(clazz, "", statementIds.incrementAndGet());
  }

  // ---- helpers -----------------------------------------------------------------------------------

  private Signature signature(PlannedStatement plan) {
    RelDataType rowType = executor.resultType(plan);
    List<ColumnMetaData> columns = new ArrayList<>();
    if (rowType != null) {
      List<RelDataTypeField> fields = rowType.getFieldList();
      for (int i = 0; i < fields.size(); i++) {
        ColumnOrigin origin = plan instanceof QueryPlan query ? query.origins().get(i) : ColumnOrigin.NONE;
        columns.add(JdbcTypes.column(i, fields.get(i).getName(), fields.get(i).getType(), origin));
      }
    }
    List<AvaticaParameter> parameters = new ArrayList<>();
    StatementType type;
    if (plan instanceof QueryPlan query) {
      query.parameterRowType().getFieldList().forEach(f -> parameters.add(JdbcTypes.parameter(f.getType())));
      type = StatementType.SELECT;
    } else {
      type = ((CommandPlan) plan).columns().isEmpty() ? StatementType.OTHER_DDL : StatementType.SELECT;
    }
    return Signature.create(columns, plan.sql(), parameters, CursorFactory.ARRAY, type);
  }

  /** Ends a statement that failed: its log line, and the client's error for {@code failure}. */
  private ReportedError failed(StatementClock clock, long rows, Throwable failure) {
    ReportedError error = errors.report(clock.id(), failure);
    observer.statementFinished(clock.finish(rows, "ERROR " + error.code().sqlState()));
    return error;
  }

  private ConnectionState connection(String id) {
    ConnectionState state = connections.get(id);
    if (state == null) {
      throw new ScryException(ErrorCode.CONNECTION_NOT_OPEN, "The connection is not open on this gateway: it was"
          + " closed, or expired after " + describe(limits.idleTimeout()) + " without requests"
          + " (limits.idle-timeout-seconds); open a new connection");
    }
    state.lastUsedNanos = System.nanoTime();
    return state;
  }

  private String user(StatementHandle h) {
    return connection(h.connectionId).user;
  }

  private static String describe(Duration duration) {
    return duration.toSeconds() + " s";
  }

  private StatementState statement(StatementHandle h) {
    return connection(h.connectionId).statements.get(h.id);
  }

  private StatementState statementOrThrow(StatementHandle h) throws NoSuchStatementException {
    StatementState state = statement(h);
    if (state == null) {
      throw new NoSuchStatementException(h);
    }
    return state;
  }

  private static void closeResult(StatementState state) {
    OpenResult result = state.result;
    state.result = null;
    if (result != null) {
      result.close();
    }
  }
}
