package dev.scry.gateway.session;

import dev.scry.gateway.error.ErrorReporter;
import dev.scry.gateway.exec.StatementExecutor;
import dev.scry.planner.ErrorCode;
import dev.scry.planner.ScryException;
import dev.scry.planner.SessionState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sessions of every protocol and their operations: opening within the connection limit, finding,
 * expiring idle ones, closing. A protocol front end (Avatica's {@code Meta} today) translates its
 * requests into these calls and its results out of them; the limits, the statement log, job groups and
 * cancel live here, once.
 */
public final class SessionManager {
  private final StatementExecutor executor;
  private final GatewayLimits limits;
  private final OperationServices services;
  private final ConcurrentMap<String, Session> sessions = new ConcurrentHashMap<>();
  private final AtomicInteger operationIds = new AtomicInteger();

  public SessionManager(
      StatementExecutor executor,
      GatewayLimits limits,
      ErrorReporter errors,
      StatementObserver observer) {
    this.executor = Objects.requireNonNull(executor, "executor");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.services =
        new OperationServices(
            executor, errors, observer, new StatementTimer(limits.queryTimeout()));
  }

  public GatewayLimits limits() {
    return limits;
  }

  /** Opens session {@code id} for {@code user}, in {@code schema} when one is named (else the default). */
  public Session open(String id, String user, String schema) {
    SessionState state = SessionState.withDefaultSchema();
    if (schema != null && !schema.isBlank()) {
      state.setSchema(executor.resolveSchema(schema));
    }
    synchronized (sessions) {
      if (sessions.size() >= limits.maxConnections()) {
        throw new ScryException(
            ErrorCode.CONNECTION_REJECTED,
            "Too many connections: the gateway allows "
                + limits.maxConnections()
                + " open connections (limits.max-connections); close connections you no"
                + " longer use");
      }
      Session session = new Session(id, user, state);
      sessions.put(id, session);
      return session;
    }
  }

  /** The open session {@code id}, marked used now; an error the client can act on when it is gone. */
  public Session session(String id) {
    Session session = sessions.get(id);
    if (session == null) {
      throw new ScryException(
          ErrorCode.CONNECTION_NOT_OPEN,
          "The connection is not open on this gateway: it was"
              + " closed, or expired after "
              + limits.idleTimeout().toSeconds()
              + " s without requests"
              + " (limits.idle-timeout-seconds); open a new connection");
    }
    session.touch();
    return session;
  }

  /** The open session {@code id}, or null; does not count as use. */
  public Session find(String id) {
    return sessions.get(id);
  }

  /** Sets the session's schema, as the catalog spells it; an error if it does not exist. */
  public void setSchema(Session session, String schema) {
    session.state().setSchema(executor.resolveSchema(schema));
  }

  public void close(String id) {
    Session session = sessions.remove(id);
    if (session != null) {
      session.operations().forEach(Operation::close);
    }
  }

  /** How many sessions are open now. */
  public int openSessions() {
    return sessions.size();
  }

  /** How many sessions of {@code protocol} ({@code jdbc} or {@code flight}) are open now. */
  public int openSessions(String protocol) {
    return (int) sessions.values().stream().filter(s -> s.protocol().equals(protocol)).count();
  }

  /** Every open session, for {@code scry.sessions}. */
  public List<SessionSummary> summaries() {
    long now = System.nanoTime();
    List<SessionSummary> summaries = new ArrayList<>();
    for (Session session : sessions.values()) {
      int running = 0;
      for (Operation operation : session.operations()) {
        if (operation.state() == Operation.State.RUNNING) {
          running++;
        }
      }
      summaries.add(
          new SessionSummary(
              session.id(),
              session.user(),
              session.protocol(),
              session.operationCount(),
              running,
              session.idleMillis(now)));
    }
    return List.copyOf(summaries);
  }

  /** Statements running now, or whose result is still being read. */
  public int runningStatements() {
    int running = 0;
    for (Session session : sessions.values()) {
      for (Operation operation : session.operations()) {
        if (operation.state() == Operation.State.RUNNING) {
          running++;
        }
      }
    }
    return running;
  }

  /**
   * Closes every session that has made no request for the idle timeout, with its operations and their
   * results. Returns how many it closed.
   */
  public int expireIdle() {
    long now = System.nanoTime();
    long idleNanos = limits.idleTimeout().toNanos();
    int expired = 0;
    for (Map.Entry<String, Session> entry : sessions.entrySet()) {
      if (entry.getValue().idleLongerThan(idleNanos, now)
          && sessions.remove(entry.getKey(), entry.getValue())) {
        entry.getValue().operations().forEach(Operation::close);
        expired++;
      }
    }
    return expired;
  }

  /** A new operation in {@code session}, within the limit of open statements per connection. */
  public Operation newOperation(Session session) {
    if (session.operationCount() >= limits.maxStatementsPerConnection()) {
      throw new ScryException(
          ErrorCode.LIMIT_EXCEEDED,
          "Too many open statements on this connection: the gateway"
              + " allows "
              + limits.maxStatementsPerConnection()
              + "; close statements you no longer use");
    }
    Operation operation = new Operation(operationIds.incrementAndGet(), session, services);
    session.add(operation);
    return operation;
  }

  /**
   * An id from the operations' id space for a result that belongs to no operation (a metadata result):
   * a client that closes it by that id then never closes an operation.
   */
  public int reserveId() {
    return operationIds.incrementAndGet();
  }

  /** Operation {@code handle} of {@code session}, or null when it was closed or never existed. */
  public Operation operation(Session session, int handle) {
    return session.operation(handle);
  }

  public void closeOperation(Session session, int handle) {
    Operation operation = session.remove(handle);
    if (operation != null) {
      operation.close();
    }
  }
}
