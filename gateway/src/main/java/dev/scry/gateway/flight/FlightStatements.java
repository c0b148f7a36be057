package dev.scry.gateway.flight;

import com.google.protobuf.Message;
import dev.scry.gateway.exec.StatementExecutor;
import dev.scry.gateway.session.Operation;
import dev.scry.gateway.session.Outcome;
import dev.scry.gateway.session.Session;
import dev.scry.gateway.session.SessionManager;
import dev.scry.planner.ColumnOrigin;
import dev.scry.planner.ErrorCode;
import dev.scry.planner.PlannedStatement;
import dev.scry.planner.QueryPlan;
import dev.scry.planner.ScryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.PutResult;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.calcite.rel.type.RelDataType;

/**
 * Flight SQL's statements on the session core: a query or a prepared statement is an {@link Operation}
 * of the caller's session, so the statement log, job groups, cancel and errors are the core's. A query
 * is planned when the client asks for its FlightInfo and runs when it reads the endpoint (so it can be
 * cancelled while it runs); a statement without a result (DDL, SET) runs at once.
 */
final class FlightStatements {
  private final SessionManager sessions;
  private final StatementExecutor executor;
  private final BufferAllocator allocator;
  private final ResultStream results;

  FlightStatements(
      SessionManager sessions,
      StatementExecutor executor,
      BufferAllocator allocator,
      ResultStream results) {
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.allocator = Objects.requireNonNull(allocator, "allocator");
    this.results = Objects.requireNonNull(results, "results");
  }

  /** CommandStatementQuery: plans {@code sql}; its rows are read from the endpoint. */
  FlightInfo query(Session session, String sql, FlightDescriptor descriptor) {
    Operation operation = sessions.newOperation(session);
    try {
      PlannedStatement plan = operation.prepare(sql);
      return info(session, operation, plan, new StatementHandle(operation.id(), false), descriptor);
    } catch (RuntimeException | Error e) {
      sessions.closeOperation(session, operation.id());
      throw e;
    }
  }

  /** The result schema of {@code sql}, planned and forgotten. */
  Schema schema(Session session, String sql) {
    Operation operation = sessions.newOperation(session);
    try {
      return schemaOf(operation.prepare(sql));
    } finally {
      sessions.closeOperation(session, operation.id());
    }
  }

  /** CommandStatementUpdate: runs {@code sql} as one statement; its update count (-1 for rows). */
  long update(Session session, String sql) {
    Operation operation = sessions.newOperation(session);
    try {
      return countOf(operation.execute(sql, -1, 0));
    } finally {
      sessions.closeOperation(session, operation.id());
    }
  }

  /** ActionCreatePreparedStatement: the handle, the result's schema and the parameters' schema. */
  Prepared prepare(Session session, String sql) {
    Operation operation = sessions.newOperation(session);
    PlannedStatement plan;
    try {
      plan = operation.prepare(sql);
    } catch (RuntimeException | Error e) {
      // The client never gets this handle, so it could never close it.
      sessions.closeOperation(session, operation.id());
      throw e;
    }
    Schema parameters =
        plan instanceof QueryPlan query
            ? ArrowTypes.schema(query.parameterRowType(), List.of())
            : new Schema(List.of());
    return new Prepared(new StatementHandle(operation.id(), true), schemaOf(plan), parameters);
  }

  /** CommandPreparedStatementQuery: the prepared statement's endpoint; it runs when read. */
  FlightInfo preparedQuery(Session session, StatementHandle handle, FlightDescriptor descriptor) {
    Operation operation = operation(session, handle);
    return info(session, operation, operation.plan(), handle, descriptor);
  }

  /** The result schema of a prepared statement, without running it. */
  Schema preparedSchema(Session session, StatementHandle handle) {
    return schemaOf(operation(session, handle).plan());
  }

  /**
   * Keeps the parameter set a client bound (DoPut of CommandPreparedStatementQuery) for the next run.
   * A query takes one set: its result is one stream, and several sets would need several results (or
   * their union, which no client can tell apart), so more than one row is refused.
   */
  void bind(Session session, StatementHandle handle, FlightStream parameters) {
    operation(session, handle);
    List<List<Object>> sets = readAll(parameters);
    if (sets.size() > 1) {
      throw new ScryException(
          ErrorCode.NOT_SUPPORTED,
          "A prepared query takes one parameter set, not "
              + sets.size()
              + ": bind one row and run the query once per set (several rows are a batch only"
              + " for statements without results, such as INSERT)");
    }
    bindings(session).put(handle.operationId(), sets.isEmpty() ? List.of() : sets.get(0));
  }

  /** CommandPreparedStatementUpdate: once, or once per parameter set sent; the total update count. */
  long preparedUpdate(Session session, StatementHandle handle, FlightStream parameters) {
    Operation operation = operation(session, handle);
    List<List<Object>> sets = readAll(parameters);
    if (sets.isEmpty()) {
      List<Object> bound = bindings(session).getOrDefault(handle.operationId(), List.of());
      return countOf(operation.execute(bound, -1, 0));
    }
    long total = 0;
    for (long count : operation.executeEach(sets)) {
      total += Math.max(count, 0);
    }
    return total;
  }

  /**
   * Streams the part of a run {@code ticket} names; the first reader of the run starts it. A single
   * query is closed once every part has been read, or when a reader fails or goes away.
   */
  void stream(Session session, EndpointTicket ticket, ServerStreamListener listener) {
    StatementHandle handle = ticket.handle();
    Operation operation = operation(session, handle);
    EndpointRuns.Run run = runs(session).claim(handle.operationId(), ticket);
    boolean complete = false;
    try {
      // The schema GetFlightInfo announced: the engine builds its batches to exactly these types.
      Schema schema = schemaOf(operation.plan());
      // A client that gives up while the first batch is computed (a gRPC deadline, a cancelled
      // call,
      // a lost connection) stops the run's Spark jobs. Sending registers its own handler later.
      listener.setOnCancelHandler(operation::cancel);
      if (listener.isCancelled()) {
        return;
      }
      Outcome outcome =
          run.outcome(
              () ->
                  operation.executeArrow(
                      parameters(session, handle),
                      schema,
                      sessions.limits().maxRowsPerFrame(),
                      ticket.parts()));
      complete = results.send(operation, outcome, ticket.part(), schema, listener);
    } finally {
      boolean last = runs(session).ended(handle.operationId(), run);
      if (!handle.prepared() && (last || !complete)) {
        sessions.closeOperation(session, handle.operationId());
      }
    }
  }

  /** Stops the operation's running Spark jobs; false when there is no such operation. */
  boolean cancel(Session session, Ticket ticket) {
    Operation operation =
        sessions.operation(session, EndpointTicket.of(ticket).handle().operationId());
    if (operation == null) {
      return false;
    }
    operation.cancel();
    return true;
  }

  void close(Session session, StatementHandle handle) {
    bindings(session).remove(handle.operationId());
    runs(session).forget(handle.operationId());
    sessions.closeOperation(session, handle.operationId());
  }

  /** A PutResult carrying {@code message} (Flight SQL's DoPut answers), in a buffer of its own. */
  PutResult putResult(Message message) {
    byte[] bytes = message.toByteArray();
    ArrowBuf buffer = allocator.buffer(bytes.length);
    buffer.writeBytes(bytes);
    return PutResult.metadata(buffer);
  }

  private FlightInfo info(
      Session session,
      Operation operation,
      PlannedStatement plan,
      StatementHandle handle,
      FlightDescriptor descriptor) {
    if (executor.resultType(plan) == null) {
      // DDL and SET: nothing to read, so it runs now, and a single statement is done with.
      operation.execute(List.of(), -1, 0);
      if (!handle.prepared()) {
        sessions.closeOperation(session, operation.id());
      }
      return new FlightInfo(new Schema(List.of()), descriptor, List.of(), -1, -1);
    }
    // Several endpoints when the engine would read the result in parallel; they are fixed before
    // it runs, so a part may turn out empty.
    int parts = operation.arrowParts(parameters(session, handle));
    long run = runs(session).open(operation.id(), parts);
    List<FlightEndpoint> endpoints = new ArrayList<>();
    for (int part = 0; part < parts; part++) {
      endpoints.add(new EndpointTicket(handle, run, part, parts).endpoint());
    }
    return new FlightInfo(schemaOf(plan), descriptor, endpoints, -1, -1);
  }

  private static List<Object> parameters(Session session, StatementHandle handle) {
    return handle.prepared()
        ? bindings(session).getOrDefault(handle.operationId(), List.of())
        : List.of();
  }

  private Operation operation(Session session, StatementHandle handle) {
    Operation operation = sessions.operation(session, handle.operationId());
    if (operation == null || operation.plan() == null) {
      throw StatementHandle.notFound();
    }
    return operation;
  }

  private Schema schemaOf(PlannedStatement plan) {
    RelDataType rowType = executor.resultType(plan);
    return rowType == null ? new Schema(List.of()) : ArrowTypes.schema(rowType, origins(plan));
  }

  private static List<ColumnOrigin> origins(PlannedStatement plan) {
    return plan instanceof QueryPlan query ? query.origins() : List.of();
  }

  private static long countOf(Outcome outcome) {
    return outcome instanceof Outcome.Count count ? count.updateCount() : -1;
  }

  private static List<List<Object>> readAll(FlightStream stream) {
    List<List<Object>> sets = new ArrayList<>();
    while (stream.next()) {
      sets.addAll(ArrowParameters.rows(stream.getRoot()));
    }
    return sets;
  }

  private static EndpointRuns runs(Session session) {
    return session.protocolState(EndpointRuns.class, EndpointRuns::new);
  }

  private static Map<Integer, List<Object>> bindings(Session session) {
    return session.protocolState(Bindings.class, Bindings::new).values;
  }

  /** The parameter set last bound to each prepared statement of a session. */
  private static final class Bindings {
    private final Map<Integer, List<Object>> values = new ConcurrentHashMap<>();
  }

  /** A prepared statement as the client gets it. */
  record Prepared(StatementHandle handle, Schema resultSchema, Schema parameterSchema) {}
}
