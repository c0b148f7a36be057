package dev.scry.gateway.avatica;

import dev.scry.gateway.exec.StatementExecutor;
import dev.scry.gateway.server.RequestUser;
import dev.scry.gateway.session.Batch;
import dev.scry.gateway.session.Operation;
import dev.scry.gateway.session.Outcome;
import dev.scry.gateway.session.Session;
import dev.scry.gateway.session.SessionManager;
import dev.scry.planner.ColumnOrigin;
import dev.scry.planner.CommandPlan;
import dev.scry.planner.PlannedStatement;
import dev.scry.planner.QueryPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.ConnectionPropertiesImpl;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.avatica.MissingResultsException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.proto.Requests;
import org.apache.calcite.avatica.remote.ProtobufMeta;
import org.apache.calcite.avatica.remote.TypedValue;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;

/**
 * Scry's Avatica {@code Meta}: the JDBC protocol on the server side, as a thin adapter over the
 * {@link SessionManager}. A connection is a {@link Session}, a statement an {@link Operation}; this class
 * translates Avatica's requests into their calls and their results into Avatica's signatures and frames
 * (JDBC types, frame values). Catalog browsing (DatabaseMetaData) is answered by {@link CatalogMetadata}
 * without running Spark jobs.
 */
public final class ScryMeta extends MetaImpl implements ProtobufMeta {
  private final SessionManager sessions;
  private final StatementExecutor executor;
  private final CatalogMetadata metadata;

  /** {@code executor} describes plans' results (their row types); {@code sessions} runs everything. */
  public ScryMeta(SessionManager sessions, StatementExecutor executor, CatalogMetadata metadata) {
    super(null);
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.metadata = Objects.requireNonNull(metadata, "metadata");
  }

  // ---- connections
  // -------------------------------------------------------------------------------

  @Override
  public void openConnection(ConnectionHandle ch, Map<String, String> info) {
    sessions.open(ch.id, RequestUser.current(), info == null ? null : info.get("schema"));
  }

  @Override
  public void closeConnection(ConnectionHandle ch) {
    sessions.close(ch.id);
  }

  @Override
  public ConnectionProperties connectionSync(ConnectionHandle ch, ConnectionProperties connProps) {
    Session session = sessions.session(ch.id);
    ConnectionPropertiesImpl properties =
        session.protocolState(
            ConnectionPropertiesImpl.class,
            () -> {
              ConnectionPropertiesImpl initial = new ConnectionPropertiesImpl();
              initial.setAutoCommit(true);
              initial.setReadOnly(false);
              return initial;
            });
    if (connProps.getSchema() != null
        && !connProps.getSchema().equalsIgnoreCase(session.state().schema())) {
      sessions.setSchema(session, connProps.getSchema());
    }
    synchronized (properties) {
      properties.merge(connProps);
      properties.setSchema(session.state().schema());
      // Clean once applied: Avatica's client keeps the returned copy and syncs again, one more
      // round trip
      // before each statement, for as long as it says dirty.
      properties.setDirty(false);
      return properties;
    }
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

  // ---- statements
  // --------------------------------------------------------------------------------

  @Override
  public StatementHandle createStatement(ConnectionHandle ch) {
    Operation operation = sessions.newOperation(sessions.session(ch.id));
    return new StatementHandle(ch.id, operation.id(), null);
  }

  @Override
  public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
    Session session = sessions.session(ch.id);
    Operation operation = sessions.newOperation(session);
    PlannedStatement plan;
    try {
      plan = operation.prepare(sql);
    } catch (RuntimeException | Error e) {
      // The client never sees this handle, so it could never close it: without this each failed
      // prepare
      // would hold one of the connection's statements until the connection closed.
      sessions.closeOperation(session, operation.id());
      throw e;
    }
    return new StatementHandle(ch.id, operation.id(), signature(plan));
  }

  @SuppressWarnings("deprecation")
  @Override
  public ExecuteResult prepareAndExecute(
      StatementHandle h, String sql, long maxRowCount, PrepareCallback callback)
      throws NoSuchStatementException {
    return prepareAndExecute(h, sql, maxRowCount, -1, callback);
  }

  @Override
  public ExecuteResult prepareAndExecute(
      StatementHandle h,
      String sql,
      long maxRowCount,
      int maxRowsInFirstFrame,
      PrepareCallback callback)
      throws NoSuchStatementException {
    Operation operation = operation(h);
    Outcome outcome =
        operation.execute(sql, maxRowCount, sessions.limits().frameSize(maxRowsInFirstFrame));
    h.signature = signature(operation.plan());
    return result(h, outcome);
  }

  @SuppressWarnings("deprecation")
  @Override
  public ExecuteResult execute(
      StatementHandle h, List<TypedValue> parameterValues, long maxRowCount)
      throws NoSuchStatementException {
    return execute(h, parameterValues, -1);
  }

  @Override
  public ExecuteResult execute(
      StatementHandle h, List<TypedValue> parameterValues, int maxRowsInFirstFrame)
      throws NoSuchStatementException {
    Operation operation = operation(h);
    Outcome outcome =
        operation.execute(
            locals(parameterValues), -1, sessions.limits().frameSize(maxRowsInFirstFrame));
    h.signature = signature(operation.plan());
    return result(h, outcome);
  }

  @Override
  public Frame fetch(StatementHandle h, long offset, int fetchMaxRowCount)
      throws NoSuchStatementException, MissingResultsException {
    Operation operation = operation(h);
    RelDataType rowType = operation.resultRowType();
    Batch batch = operation.fetch(offset, sessions.limits().frameSize(fetchMaxRowCount));
    if (batch == null || rowType == null) {
      throw new MissingResultsException(h);
    }
    return frame(rowType, batch);
  }

  @Override
  public void closeStatement(StatementHandle h) {
    Session session = sessions.find(h.connectionId);
    if (session != null) {
      sessions.closeOperation(session, h.id);
    }
  }

  @Override
  public boolean syncResults(StatementHandle sh, QueryState state, long offset) {
    // Scry's driver sends its cancel as this request (Avatica has no cancel message); others never
    // do.
    if (StatementCancel.isCancelRequest(state)) {
      Session session = sessions.find(sh.connectionId);
      Operation operation = session == null ? null : sessions.operation(session, sh.id);
      if (operation != null) {
        operation.cancel();
      }
    }
    return false;
  }

  @Override
  public ExecuteBatchResult prepareAndExecuteBatch(StatementHandle h, List<String> sqlCommands)
      throws NoSuchStatementException {
    return new ExecuteBatchResult(operation(h).executeStatements(sqlCommands));
  }

  @Override
  public ExecuteBatchResult executeBatch(StatementHandle h, List<List<TypedValue>> parameterValues)
      throws NoSuchStatementException {
    List<List<Object>> parameterSets = new ArrayList<>();
    parameterValues.forEach(values -> parameterSets.add(locals(values)));
    return new ExecuteBatchResult(operation(h).executeEach(parameterSets));
  }

  /**
   * A prepared batch over protobuf: Avatica's service hands the parameter sets over as protobuf messages,
   * to a Meta that takes them so (it never fills the JDBC-typed list for such a request).
   */
  @Override
  public ExecuteBatchResult executeBatchProtobuf(
      StatementHandle h, List<Requests.UpdateBatch> updateBatches) throws NoSuchStatementException {
    List<List<TypedValue>> parameterValues = new ArrayList<>();
    for (Requests.UpdateBatch batch : updateBatches) {
      parameterValues.add(
          batch.getParameterValuesList().stream().map(TypedValue::fromProto).toList());
    }
    return executeBatch(h, parameterValues);
  }

  @Override
  public Iterable<Object> createIterable(
      StatementHandle stmt,
      QueryState state,
      Signature signature,
      List<TypedValue> parameters,
      Frame firstFrame) {
    throw new UnsupportedOperationException("createIterable is a client-side call");
  }

  // ---- DatabaseMetaData
  // --------------------------------------------------------------------------

  @Override
  public MetaResultSet getCatalogs(ConnectionHandle ch) {
    sessions.session(ch.id);
    return metadata.catalogs(ch.id, sessions.reserveId());
  }

  @Override
  public MetaResultSet getSchemas(ConnectionHandle ch, String catalog, Pat schemaPattern) {
    sessions.session(ch.id);
    return metadata.schemas(ch.id, sessions.reserveId(), schemaPattern.s);
  }

  @Override
  public MetaResultSet getTables(
      ConnectionHandle ch,
      String catalog,
      Pat schemaPattern,
      Pat tableNamePattern,
      List<String> typeList) {
    sessions.session(ch.id);
    return metadata.tables(
        ch.id, sessions.reserveId(), schemaPattern.s, tableNamePattern.s, typeList);
  }

  @Override
  public MetaResultSet getColumns(
      ConnectionHandle ch,
      String catalog,
      Pat schemaPattern,
      Pat tableNamePattern,
      Pat columnNamePattern) {
    sessions.session(ch.id);
    return metadata.columns(
        ch.id,
        sessions.reserveId(),
        catalog,
        schemaPattern.s,
        tableNamePattern.s,
        columnNamePattern.s);
  }

  @Override
  public MetaResultSet getTableTypes(ConnectionHandle ch) {
    sessions.session(ch.id);
    return metadata.tableTypes(ch.id, sessions.reserveId());
  }

  @Override
  public MetaResultSet getTypeInfo(ConnectionHandle ch) {
    sessions.session(ch.id);
    return metadata.typeInfo(ch.id, sessions.reserveId());
  }

  @Override
  protected <E> MetaResultSet createEmptyResultSet(Class<E> clazz) {
    return metadata.empty(clazz, "", sessions.reserveId());
  }

  // ---- helpers
  // -----------------------------------------------------------------------------------

  private Operation operation(StatementHandle h) throws NoSuchStatementException {
    Operation operation = sessions.operation(sessions.session(h.connectionId), h.id);
    if (operation == null) {
      throw new NoSuchStatementException(h);
    }
    return operation;
  }

  private static ExecuteResult result(StatementHandle h, Outcome outcome) {
    if (outcome instanceof Outcome.Rows rows) {
      return new ExecuteResult(
          List.of(
              MetaResultSet.create(
                  h.connectionId, h.id, false, h.signature, frame(rows.rowType(), rows.first()))));
    }
    return new ExecuteResult(
        List.of(
            MetaResultSet.count(h.connectionId, h.id, ((Outcome.Count) outcome).updateCount())));
  }

  /**
   * A batch of engine rows as an Avatica frame: each value in its column's frame representation, with
   * each column's conversion chosen once per frame (see {@link JdbcTypes#frameValue}).
   */
  private static Frame frame(RelDataType rowType, Batch batch) {
    List<RelDataTypeField> fields = rowType.getFieldList();
    List<UnaryOperator<Object>> columns = new ArrayList<>(fields.size());
    for (RelDataTypeField field : fields) {
      columns.add(JdbcTypes.frameValue(field.getType()));
    }
    @SuppressWarnings("unchecked")
    UnaryOperator<Object>[] converters = columns.toArray(new UnaryOperator[0]);
    List<Object> rows = new ArrayList<>(batch.rows().size());
    for (Object[] row : batch.rows()) {
      Object[] converted = new Object[row.length];
      for (int i = 0; i < row.length; i++) {
        converted[i] = converters[i].apply(row[i]);
      }
      rows.add(converted);
    }
    return Frame.create(batch.offset(), batch.done(), rows);
  }

  private static List<Object> locals(List<TypedValue> values) {
    List<Object> locals = new ArrayList<>();
    for (TypedValue value : values == null ? List.<TypedValue>of() : values) {
      locals.add(value == null ? null : value.toLocal());
    }
    return locals;
  }

  private Signature signature(PlannedStatement plan) {
    RelDataType rowType = executor.resultType(plan);
    List<ColumnMetaData> columns = new ArrayList<>();
    if (rowType != null) {
      List<RelDataTypeField> fields = rowType.getFieldList();
      for (int i = 0; i < fields.size(); i++) {
        ColumnOrigin origin =
            plan instanceof QueryPlan query ? query.origins().get(i) : ColumnOrigin.NONE;
        columns.add(JdbcTypes.column(i, fields.get(i).getName(), fields.get(i).getType(), origin));
      }
    }
    List<AvaticaParameter> parameters = new ArrayList<>();
    StatementType type;
    if (plan instanceof QueryPlan query) {
      query
          .parameterRowType()
          .getFieldList()
          .forEach(f -> parameters.add(JdbcTypes.parameter(f.getType())));
      type = StatementType.SELECT;
    } else {
      type =
          ((CommandPlan) plan).columns().isEmpty() ? StatementType.OTHER_DDL : StatementType.SELECT;
    }
    return Signature.create(columns, plan.sql(), parameters, CursorFactory.ARRAY, type);
  }
}
