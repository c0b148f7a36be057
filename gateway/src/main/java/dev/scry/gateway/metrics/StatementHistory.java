package dev.scry.gateway.metrics;

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
 * running entry, removed when it ends). Keeps a digest of the text, never the text itself.
 */
public final class StatementHistory implements StatementObserver {
  /** One statement as it is now. */
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
      String digest) {}

  private record Running(StatementStart start, String digest, AtomicLong rows) {}

  private final int capacity;
  private final Map<String, Running> running = new ConcurrentHashMap<>();
  private final Deque<Entry> ended = new ArrayDeque<>();

  public StatementHistory(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("The statement history holds at least one statement");
    }
    this.capacity = capacity;
  }

  @Override
  public void statementStarted(StatementStart start) {
    running.put(
        key(start.connectionId(), start.statementId()),
        new Running(start, SqlDigest.of(start.sql()), new AtomicLong()));
  }

  @Override
  public void frameSent(String connectionId, int statementId, int rows) {
    Running statement = running.get(key(connectionId, statementId));
    if (statement != null) {
      statement.rows().addAndGet(rows);
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
    Entry entry = entry(statement, state, record.durationMillis(), record.rows(), sqlState);
    synchronized (ended) {
      ended.addFirst(entry);
      while (ended.size() > capacity) {
        ended.removeLast();
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
                    entry(r, "RUNNING", now - r.start().startMillis(), r.rows().get(), null)));
    synchronized (ended) {
      entries.addAll(ended);
    }
    return List.copyOf(entries);
  }

  private static Entry entry(
      Running statement, String state, long durationMillis, long rows, String sqlState) {
    StatementStart start = statement.start();
    return new Entry(
        start.id(),
        start.user(),
        Session.protocolOf(start.connectionId()),
        start.jobGroup(),
        state,
        start.startMillis(),
        durationMillis,
        rows,
        sqlState,
        statement.digest());
  }

  private static String key(String connectionId, int statementId) {
    return connectionId + "/" + statementId;
  }
}
