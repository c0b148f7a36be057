package dev.scry.gateway.session;

import dev.scry.planner.SessionState;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One client's session, whatever protocol opened it: who it is, its SQL session state (schema, SET
 * values), its open operations, and when it was last used. A session is idle only while no request of
 * it is running ({@link #activity}): a long fetch does not expire its own connection.
 */
public final class Session {
  /** How the Flight SQL adapter starts its session ids; Avatica's connection ids never do. */
  public static final String FLIGHT_ID_PREFIX = "flight-";

  private final String id;
  private final String user;
  private final SessionState state;
  private final ConcurrentMap<Integer, Operation> operations = new ConcurrentHashMap<>();
  private final AtomicInteger running = new AtomicInteger();
  private final ConcurrentMap<Class<?>, Object> protocolState = new ConcurrentHashMap<>();
  private volatile long lastUsedNanos = System.nanoTime();

  Session(String id, String user, SessionState state) {
    this.id = Objects.requireNonNull(id, "id");
    this.user = Objects.requireNonNull(user, "user");
    this.state = Objects.requireNonNull(state, "state");
  }

  /** The protocol's name for the session (Avatica's connection id). */
  public String id() {
    return id;
  }

  /** {@code flight} or {@code jdbc}: the protocol of the session with id {@code id}. */
  public static String protocolOf(String id) {
    return id.startsWith(FLIGHT_ID_PREFIX) ? "flight" : "jdbc";
  }

  public String protocol() {
    return protocolOf(id);
  }

  public String user() {
    return user;
  }

  public SessionState state() {
    return state;
  }

  /**
   * What a protocol keeps with the session (Avatica's connection properties …), made on first use and
   * gone with the session.
   */
  public <T> T protocolState(Class<T> type, Supplier<T> create) {
    return type.cast(protocolState.computeIfAbsent(type, t -> create.get()));
  }

  /** A request of this session is running until the returned activity is closed. */
  Activity activity() {
    running.incrementAndGet();
    lastUsedNanos = System.nanoTime();
    return () -> {
      lastUsedNanos = System.nanoTime();
      running.decrementAndGet();
    };
  }

  void touch() {
    lastUsedNanos = System.nanoTime();
  }

  /** Milliseconds since its last request ended; 0 while one runs. */
  long idleMillis(long nowNanos) {
    return running.get() > 0 ? 0 : (nowNanos - lastUsedNanos) / 1_000_000;
  }

  boolean idleLongerThan(long idleNanos, long nowNanos) {
    return running.get() == 0 && nowNanos - lastUsedNanos > idleNanos;
  }

  Operation operation(int handle) {
    return operations.get(handle);
  }

  int operationCount() {
    return operations.size();
  }

  void add(Operation operation) {
    operations.put(operation.id(), operation);
  }

  Operation remove(int handle) {
    return operations.remove(handle);
  }

  Collection<Operation> operations() {
    return operations.values();
  }

  /** A running request; closing it marks the session used now. */
  interface Activity extends AutoCloseable {
    @Override
    void close();
  }
}
