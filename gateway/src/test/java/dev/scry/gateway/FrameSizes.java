package dev.scry.gateway;

import dev.scry.gateway.session.StatementObserver;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the row count of every frame the gateway sends, by statement id, in the order sent. */
final class FrameSizes implements StatementObserver {
  private final Map<Integer, List<Integer>> byStatement = new ConcurrentHashMap<>();

  @Override
  public void frameSent(String connectionId, int statementId, int rows) {
    byStatement.computeIfAbsent(statementId, id -> new CopyOnWriteArrayList<>()).add(rows);
  }

  /** The frames sent so far for statement {@code statementId}; empty before the first. */
  List<Integer> of(int statementId) {
    return byStatement.getOrDefault(statementId, List.of());
  }
}
