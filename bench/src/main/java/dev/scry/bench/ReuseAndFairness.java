package dev.scry.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * P9 (result reuse) and P11 (short queries beside a long PREDICT), each against the same work without
 * the feature: the cache turned off for the session, or no long query running.
 */
final class ReuseAndFairness {
  static final int SHORT_CLIENTS = 8;

  private final Sampler sampler;
  private final ConnectionSource connections;
  private final String predictQuery;

  /** Opens one more client connection to the gateway under test. */
  interface ConnectionSource {
    Connection open() throws SQLException;
  }

  ReuseAndFairness(Sampler sampler, ConnectionSource connections, String predictQuery) {
    this.sampler = Objects.requireNonNull(sampler, "sampler");
    this.connections = Objects.requireNonNull(connections, "connections");
    this.predictQuery = Objects.requireNonNull(predictQuery, "predictQuery");
  }

  /**
   * P9: the P1 query computed (the session's cache off) ÷ the same query answered from the cache. The
   * cache keeps a result only once its files have looked the same for the scan listing cache's TTL, so
   * the query runs once, the bench waits that long, and runs it once more to be kept.
   */
  BenchResult resultReuse(Duration settle) throws Exception {
    try (Connection connection = connections.open()) {
      set(connection, "off");
      Measure computed = sampler.seconds("P9 computed", () -> single(connection, predictQuery));
      set(connection, "on");
      single(connection, predictQuery);
      Thread.sleep(settle.toMillis() + 1_000);
      single(connection, predictQuery);
      Measure reused = sampler.seconds("P9 reused", () -> single(connection, predictQuery));
      double ratio = computed.median() / reused.median();
      return new BenchResult(
          "P9",
          "the P1 query computed ÷ answered from the result cache",
          BenchReport.seconds(reused),
          BenchReport.seconds(computed),
          BenchReport.ratio(ratio),
          "≥ 10",
          ratio >= 10);
    }
  }

  /**
   * P11: p95 latency of a point query from 8 clients at once while a ninth runs the P1 PREDICT over and
   * over ÷ the same p95 with nothing else running. Every session has the cache off, so each query runs.
   */
  BenchResult fairness(String shortQuery, long idRange, int perClient) throws Exception {
    List<Connection> clients = new ArrayList<>();
    ExecutorService threads = Executors.newFixedThreadPool(SHORT_CLIENTS + 1);
    try {
      for (int i = 0; i < SHORT_CLIENTS + 1; i++) {
        Connection client = connections.open();
        clients.add(client);
        set(client, "off");
      }
      List<Connection> shortClients = clients.subList(0, SHORT_CLIENTS);
      Measure alone = shortQueries(threads, shortClients, shortQuery, idRange, perClient, "alone");
      AtomicBoolean stop = new AtomicBoolean();
      Connection longClient = clients.get(SHORT_CLIENTS);
      Future<Integer> predicts =
          threads.submit(
              () -> {
                int runs = 0;
                while (!stop.get()) {
                  single(longClient, predictQuery);
                  runs++;
                }
                return runs;
              });
      Measure beside;
      try {
        beside = shortQueries(threads, shortClients, shortQuery, idRange, perClient, "beside");
      } finally {
        stop.set(true);
      }
      System.err.printf(
          Locale.ROOT, "bench: P11 long PREDICT ran %d times meanwhile%n", predicts.get());
      double ratio = beside.percentile(95) / alone.percentile(95);
      return new BenchResult(
          "P11",
          "short-query p95 from 8 clients beside a long PREDICT ÷ without it",
          BenchReport.millis(beside.percentile(95)),
          BenchReport.millis(alone.percentile(95)),
          BenchReport.ratio(ratio),
          "≤ 2",
          ratio <= 2);
    } finally {
      threads.shutdownNow();
      for (Connection client : clients) {
        client.close();
      }
    }
  }

  private static Measure shortQueries(
      ExecutorService threads,
      List<Connection> clients,
      String sql,
      long idRange,
      int perClient,
      String label)
      throws Exception {
    System.err.println("bench: P11 short queries " + label);
    List<CompletableFuture<List<Double>>> runs = new ArrayList<>();
    for (int c = 0; c < clients.size(); c++) {
      Connection client = clients.get(c);
      long seed = c;
      runs.add(
          CompletableFuture.supplyAsync(
              () -> latencies(client, sql, idRange, perClient, seed), threads));
    }
    List<Double> samples = new ArrayList<>();
    for (CompletableFuture<List<Double>> run : runs) {
      samples.addAll(run.get());
    }
    return new Measure("P11 " + label, "s", samples);
  }

  private static List<Double> latencies(
      Connection client, String sql, long idRange, int count, long seed) {
    List<Double> samples = new ArrayList<>();
    try (PreparedStatement statement = client.prepareStatement(sql)) {
      for (int i = 0; i < count; i++) {
        statement.setLong(1, 1 + Math.floorMod(seed * 7919 + i * 104_729L, idRange));
        long start = System.nanoTime();
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            rows.getObject(1);
          }
        }
        samples.add((System.nanoTime() - start) / 1e9);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("P11 short query failed: " + e.getMessage(), e);
    }
    return samples;
  }

  private static void set(Connection connection, String value) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET result_cache = " + value);
    }
  }

  private static Object single(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      if (!rows.next()) {
        throw new IllegalStateException("no row from " + sql);
      }
      return rows.getObject(1);
    }
  }
}
