package dev.scry.gateway;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Clients scoring through {@code iris2@<alias>} while one more connection moves the alias between
 * versions 1 and 2, which score differently. Each result is classified as version 1's scores, version
 * 2's, or neither (a failure, or a mix); a result of a statement during which no move began must be the
 * version the last finished move set. The mover waits, after each of its first two moves, until a
 * statement planned after that move has finished, so both versions are certainly served while the alias
 * moves; later moves are 200 ms apart, so statements straddle them.
 */
final class AliasMoveLoad {
  private static final long MOVE_PAUSE_MS = 200;
  private static final long WAIT_SECONDS = 60;

  /** What the run saw: problems (empty when none), the versions results held, and how many results. */
  record Report(List<String> problems, Set<Integer> versionsSeen, int results) {}

  private final RunningGateway gateway;
  private final String alias;
  private final Map<Integer, List<Object>> version1;
  private final Map<Integer, List<Object>> version2;

  private final AtomicInteger movesBegun = new AtomicInteger();
  private final AtomicInteger movesDone = new AtomicInteger();

  /** The most moves a finished statement had seen done when it started. */
  private final AtomicInteger observed = new AtomicInteger(-1);

  private final AtomicBoolean moving = new AtomicBoolean(true);
  private final List<String> problems = new CopyOnWriteArrayList<>();
  private final Set<Integer> versionsSeen = ConcurrentHashMap.newKeySet();
  private final AtomicInteger results = new AtomicInteger();

  AliasMoveLoad(
      RunningGateway gateway,
      String alias,
      Map<Integer, List<Object>> version1,
      Map<Integer, List<Object>> version2) {
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.alias = Objects.requireNonNull(alias, "alias");
    this.version1 = Map.copyOf(version1);
    this.version2 = Map.copyOf(version2);
  }

  /** Sets the alias to version 1, then runs {@code clients} clients while it moves {@code moves} times. */
  Report run(int clients, int moves) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try (Connection mover = gateway.connect();
        Statement statement = mover.createStatement()) {
      statement.execute(alter(0));
      List<Future<?>> running = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        running.add(
            pool.submit(
                () -> {
                  query();
                  return null;
                }));
      }
      try {
        for (int move = 1; move <= moves; move++) {
          movesBegun.incrementAndGet();
          statement.execute(alter(move));
          movesDone.incrementAndGet();
          if (move <= 2) {
            awaitAStatementAfter(move);
          } else {
            Thread.sleep(MOVE_PAUSE_MS);
          }
        }
      } finally {
        moving.set(false);
      }
      for (Future<?> client : running) {
        client.get(WAIT_SECONDS, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    return new Report(List.copyOf(problems), Set.copyOf(versionsSeen), results.get());
  }

  private String alter(int move) {
    return "ALTER MODEL iris2 SET ALIAS " + alias + " = " + targetOf(move);
  }

  /** The version move {@code move} points the alias at; move 0 sets it first. */
  private static int targetOf(int move) {
    return move % 2 == 0 ? 1 : 2;
  }

  private void query() throws SQLException {
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      while (moving.get()) {
        int doneAtStart = movesDone.get();
        Map<Integer, List<Object>> scores;
        try {
          scores = AliasedIris.tableFunctionScores(statement, "iris2@" + alias);
        } catch (SQLException e) {
          problems.add("a query failed: " + e.getMessage());
          continue;
        }
        int begunAtEnd = movesBegun.get();
        int version = scores.equals(version1) ? 1 : scores.equals(version2) ? 2 : 0;
        if (version == 0) {
          problems.add("a result is neither version's scores (" + scores.size() + " rows)");
        } else if (begunAtEnd == doneAtStart && version != targetOf(doneAtStart)) {
          problems.add(
              "after move "
                  + doneAtStart
                  + " and before the next, a query scored version "
                  + version);
        }
        versionsSeen.add(version);
        results.incrementAndGet();
        observed.accumulateAndGet(doneAtStart, Math::max);
      }
    }
  }

  private void awaitAStatementAfter(int move) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (observed.get() < move) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no statement finished after move " + move);
      }
      Thread.sleep(5);
    }
  }
}
