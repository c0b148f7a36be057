package dev.scry.gateway.metrics;

import dev.scry.engine.ExecutionObserver;
import dev.scry.engine.ExecutionStats;
import dev.scry.gateway.session.Session;
import dev.scry.gateway.session.StatementObserver;
import dev.scry.gateway.session.StatementRecord;
import dev.scry.gateway.session.StatementStart;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The statements {@code scry.queries} shows: those running now and a ring of the last {@code capacity}
 * that ended. Memory is bounded by the ring and by the statements open at once (each is at most one
 * running entry, removed when it ends). Keeps a digest of the text, never the text itself. Two figures
 * may arrive after a statement's record, and are added to its entry while it is listed: the bytes its
 * Spark tasks read (counted once Spark's listener bus delivered their events) and the last Arrow bytes
 * sent to a Flight client (a result sent as rows ends before its last batch is written).
 */
public final class StatementHistory implements StatementObserver, ExecutionObserver {
  /**
   * One statement as it is now. {@code bytesRead} is null until Spark's counts arrive (or when the
   * statement ran no query on Spark), {@code bytesSent} null for JDBC (Flight SQL's Arrow bytes only),
   * {@code reused} null while it runs.
   */
  public record Entry(
      String id,
      String user,
      String protocol,
      String jobGroup,
      String state,
      long startMillis,
      long durationMillis,
      long rows,
      String sqlState,
      String digest,
      Long bytesRead,
      Long bytesSent,
      Boolean reused) {}

  /** What can still change about a listed statement. */
  private static final class Figures {
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong bytesRead = new AtomicLong(-1);
  }

  private record Running(StatementStart start, String digest, Figures figures) {}

  /** An ended statement as its record left it (no SQL text), and its figures, which may still grow. */
  private record Ended(Entry entry, Figures figures) {}

  private final int capacity;
  private final Map<String, Running> running = new ConcurrentHashMap<>();
  private final Map<String, Figures> byId = new ConcurrentHashMap<>();
  private final Map<String, Figures> byJobGroup = new ConcurrentHashMap<>();
  private final Deque<Ended> ended = new ArrayDeque<>();

  public StatementHistory(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("The statement history holds at least one statement");
    }
    this.capacity = capacity;
  }

  @Override
  public void statementStarted(StatementStart start) {
    Figures figures = new Figures();
    byId.put(start.id(), figures);
    byJobGroup.put(start.jobGroup(), figures);
    Running before =
        running.put(
            key(start.connectionId(), start.statementId()),
            new Running(start, SqlDigest.of(start.sql()), figures));
    if (before != null) { // never ended: nothing will ask for its figures
      byId.remove(before.start().id());
      byJobGroup.remove(before.start().jobGroup());
    }
  }

  @Override
  public void frameSent(String connectionId, int statementId, int rows) {
    Running statement = running.get(key(connectionId, statementId));
    if (statement != null) {
      statement.figures().rows.addAndGet(rows);
    }
  }

  @Override
  public void resultBytesSent(String id, String connectionId, long bytes) {
    Figures figures = byId.get(id);
    if (figures != null) {
      figures.bytesSent.addAndGet(bytes);
    }
  }

  @Override
  public void executionFinished(ExecutionStats stats) {
    Figures figures = byJobGroup.get(stats.jobGroup());
    if (figures != null) {
      figures.bytesRead.set(stats.bytesRead());
    }
  }

  @Override
  public void statementFinished(StatementRecord record) {
    Running statement = running.remove(key(record.connectionId(), record.statementId()));
    if (statement == null) {
      return;
    }
    String outcome = record.outcome();
    String sqlState = outcome.startsWith("ERROR ") ? outcome.substring("ERROR ".length()) : null;
    String state;
    if (sqlState == null) {
      state = StatementRecord.OK.equals(outcome) ? "FINISHED" : outcome;
    } else {
      state = "57014".equals(sqlState) ? "CANCELLED" : "FAILED";
    }
    Entry entry =
        entry(
            statement.start(),
            statement.digest(),
            statement.figures(),
            state,
            record.durationMillis(),
            record.rows(),
            sqlState,
            record.reused());
    synchronized (ended) {
      ended.addFirst(new Ended(entry, statement.figures()));
      while (ended.size() > capacity) {
        Entry dropped = ended.removeLast().entry();
        byId.remove(dropped.id());
        byJobGroup.remove(dropped.jobGroup());
      }
    }
  }

  /** Running statements first (oldest first), then those that ended, most recent first. */
  public List<Entry> snapshot() {
    long now = System.currentTimeMillis();
    List<Entry> entries = new ArrayList<>();
    running.values().stream()
        .sorted((a, b) -> Long.compare(a.start().startMillis(), b.start().startMillis()))
        .forEach(
            r ->
                entries.add(
                    entry(
                        r.start(),
                        r.digest(),
                        r.figures(),
                        "RUNNING",
                        now - r.start().startMillis(),
                        r.figures().rows.get(),
                        null,
                        null)));
    synchronized (ended) {
      for (Ended e : ended) {
        entries.add(withFigures(e.entry(), e.figures()));
      }
    }
    return List.copyOf(entries);
  }

  private static Entry entry(
      StatementStart start,
      String digest,
      Figures figures,
      String state,
      long durationMillis,
      long rows,
      String sqlState,
      Boolean reused) {
    return withFigures(
        new Entry(
            start.id(),
            start.user(),
            Session.protocolOf(start.connectionId()),
            start.jobGroup(),
            state,
            start.startMillis(),
            durationMillis,
            rows,
            sqlState,
            digest,
            null,
            null,
            reused),
        figures);
  }

  /** {@code entry} with its late figures as they are now. */
  private static Entry withFigures(Entry entry, Figures figures) {
    long read = figures.bytesRead.get();
    return new Entry(
        entry.id(),
        entry.user(),
        entry.protocol(),
        entry.jobGroup(),
        entry.state(),
        entry.startMillis(),
        entry.durationMillis(),
        entry.rows(),
        entry.sqlState(),
        entry.digest(),
        read < 0 ? null : read,
        "flight".equals(entry.protocol()) ? figures.bytesSent.get() : null,
        entry.reused());
  }

  private static String key(String connectionId, int statementId) {
    return connectionId + "/" + statementId;
  }
}
