package dev.scry.gateway.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.gateway.RunningGateway;
import dev.scry.gateway.session.StatementObserver;
import dev.scry.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.client.ClientCookieMiddleware;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a statement read and sent, through real clients: {@code scry.queries.bytes_read} against the
 * sizes of the Parquet files a query reads (all four partitions, then one) and against the {@code
 * /metrics} storage counter; a result from the cache marked {@code reused} with nothing read; EXPLAIN
 * ANALYZE's storage and result-cache lines; and the Arrow bytes a Flight SQL client received, per
 * statement and in the counter by protocol.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatementBytesTest {
  private static final int PARTS = 4;
  private static final String VECTORED_IO = "parquet.hadoop.vectored.io.enabled";

  @TempDir static Path work;

  private RunningGateway gateway;
  private Path table;

  @BeforeAll
  void start() throws SQLException {
    gateway = RunningGateway.startWithFlight(work, config -> config, StatementObserver.NONE);
    table = work.resolve("bytes_t");
    // One file per partition folder; strings that do not compress away, so the files have some
    // size.
    gateway
        .spark()
        .range(0, 200_000, 1, 1)
        .selectExpr(
            "id",
            "CAST(id % " + PARTS + " AS INT) AS part",
            "id * 1.5D AS v",
            "sha2(CAST(id AS STRING), 256) AS s")
        .coalesce(1)
        .write()
        .partitionBy("part")
        .parquet(table.toString());
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE EXTERNAL TABLE bytes_t STORED AS PARQUET LOCATION '"
              + TestData.uri(table)
              + "' PARTITIONED BY (part)");
    }
  }

  @AfterAll
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  /**
   * On local files Parquet's vectored reads bypass Hadoop's byte count (only footers count; see
   * docs/operations.md), so they are turned off while this measures, and put back after.
   */
  @Test
  void bytesReadFollowTheFilesReadAndTheStorageCounter() throws Exception {
    var hadoop = gateway.spark().sparkContext().hadoopConfiguration();
    String vectored = hadoop.get(VECTORED_IO);
    hadoop.setBoolean(VECTORED_IO, false);
    try {
      measureBytesRead();
    } finally {
      if (vectored == null) {
        hadoop.unset(VECTORED_IO);
      } else {
        hadoop.set(VECTORED_IO, vectored);
      }
    }
  }

  private void measureBytesRead() throws Exception {
    long allFiles = parquetBytes(table);
    long oneFolder = parquetBytes(table.resolve("part=1"));
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("SET result_cache = off");
      PrometheusText before = scrape();
      drain(statement, "SELECT COUNT(*) AS whole_scan, SUM(v), MAX(s), MAX(id) FROM bytes_t");
      Map<String, Object> whole = finished(connection, "whole_scan");
      PrometheusText after = scrape();
      long read = (Long) whole.get("bytes_read");
      assertTrue(
          read >= allFiles / 2 && read <= allFiles * 2,
          "read " + read + " bytes of " + allFiles + " bytes of files");
      assertEquals(
          (double) read,
          after.value("scry_storage_read_bytes_total", Map.of())
              - before.value("scry_storage_read_bytes_total", Map.of()),
          "the storage counter grew by what the statement read");
      assertEquals(Boolean.FALSE, whole.get("reused"));

      drain(
          statement,
          "SELECT COUNT(*) AS one_part_scan, SUM(v), MAX(s), MAX(id) FROM bytes_t WHERE part = 1");
      long onePart = (Long) finished(connection, "one_part_scan").get("bytes_read");
      assertTrue(
          onePart >= oneFolder / 2 && onePart <= oneFolder * 2,
          "read " + onePart + " bytes of a folder of " + oneFolder);
      assertTrue(onePart * 2 < read, onePart + " of " + read);
    }
  }

  @Test
  void aResultFromTheCacheReadsNothingAndSaysSo() throws Exception {
    String query = "SELECT COUNT(*) AS reuse_me, MAX(s) FROM bytes_t WHERE part = 2";
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      drain(statement, query);
      Map<String, Object> first = finished(connection, "reuse_me");
      assertEquals(Boolean.FALSE, first.get("reused"), first.toString());
      assertTrue((Long) first.get("bytes_read") > 0, first.toString());
      drain(statement, query);
      Map<String, Object> second = finished(connection, "reuse_me");
      assertEquals(Boolean.TRUE, second.get("reused"), second.toString());
      assertEquals(0L, second.get("bytes_read"), second.toString());

      List<String> plan = explainAnalyze(statement, query);
      String storage = line(plan, "Read from storage: ");
      long explained = Long.parseLong(storage.split(" ")[3]);
      assertTrue(explained > 0, storage);
      assertTrue(
          line(plan, "Result cache").contains("a kept result matches"), String.join("\n", plan));
      List<String> never =
          explainAnalyze(statement, "SELECT COUNT(*), MAX(s), CURRENT_TIMESTAMP FROM bytes_t");
      assertTrue(line(never, "Result cache").contains("never reused"), String.join("\n", never));
    }
  }

  @Test
  void flightResultBytesAreCountedPerStatementAndByProtocol() throws Exception {
    PrometheusText before = scrape();
    long received = 0;
    long rows = 0;
    try (BufferAllocator allocator = new RootAllocator();
        FlightClient flight =
            FlightClient.builder(
                    allocator, Location.forGrpcInsecure("127.0.0.1", gateway.flightPort()))
                .intercept(new ClientCookieMiddleware.Factory())
                .build();
        FlightSqlClient client = new FlightSqlClient(flight)) {
      FlightInfo info = client.execute("SELECT id AS flight_bytes, s FROM bytes_t WHERE part = 3");
      for (FlightEndpoint endpoint : info.getEndpoints()) {
        try (FlightStream stream = client.getStream(endpoint.getTicket())) {
          while (stream.next()) {
            rows += stream.getRoot().getRowCount();
            try (ArrowRecordBatch batch = new VectorUnloader(stream.getRoot()).getRecordBatch()) {
              received +=
                  MessageSerializer.serializeMetadata(batch, IpcOption.DEFAULT).remaining()
                      + batch.computeBodyLength();
            }
          }
        }
      }
    }
    assertEquals(50_000, rows);
    try (Connection connection = gateway.connect()) {
      Map<String, Object> sent = finished(connection, "flight_bytes");
      assertEquals("flight", sent.get("protocol"));
      assertEquals(received, sent.get("bytes_returned"), sent.toString());
      assertTrue((Long) sent.get("bytes_read") > 0, sent.toString());
    }
    PrometheusText after = scrape();
    Map<String, String> flight = Map.of("protocol", "flight");
    assertEquals(
        (double) received,
        after.value("scry_response_bytes_total", flight)
            - before.value("scry_response_bytes_total", flight));
    Map<String, String> jdbc = Map.of("protocol", "jdbc");
    assertTrue(after.value("scry_response_bytes_total", jdbc) > 0, after.toString());
  }

  private static void drain(Statement statement, String sql) throws SQLException {
    try (ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        rs.getObject(1);
      }
    }
  }

  private static List<String> explainAnalyze(Statement statement, String query)
      throws SQLException {
    List<String> lines = new ArrayList<>();
    try (ResultSet rs = statement.executeQuery("EXPLAIN ANALYZE " + query)) {
      while (rs.next()) {
        lines.add(rs.getString(1));
      }
    }
    return lines;
  }

  private static String line(List<String> plan, String start) {
    return plan.stream()
        .filter(l -> l.trim().startsWith(start))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line starting " + start + " in\n" + plan));
  }

  /**
   * The newest ended statement whose digest names {@code marker}, once Spark's count of what it read
   * has arrived (they come a moment after the statement's end).
   */
  private static Map<String, Object> finished(Connection connection, String marker)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      Map<String, Object> row = newest(connection, marker);
      assertNotNull(row, "no statement naming " + marker);
      if (row.get("bytes_read") != null && !"RUNNING".equals(row.get("state"))) {
        return row;
      }
      assertTrue(System.nanoTime() < deadline, "no final figures: " + row);
      Thread.sleep(50);
    }
  }

  private static Map<String, Object> newest(Connection connection, String marker)
      throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT * FROM scry.queries WHERE sql_digest LIKE ?"
                + " AND sql_digest NOT LIKE '%scry.queries%' AND sql_digest NOT LIKE 'EXPLAIN%'"
                + " ORDER BY start_time DESC")) {
      query.setString(1, "%" + marker + "%");
      try (ResultSet rs = query.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        Map<String, Object> values = new HashMap<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          values.put(rs.getMetaData().getColumnLabel(i).toLowerCase(Locale.ROOT), rs.getObject(i));
        }
        return values;
      }
    }
  }

  private static long parquetBytes(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".parquet"))
          .mapToLong(f -> f.toFile().length())
          .sum();
    }
  }

  private PrometheusText scrape() throws Exception {
    return PrometheusText.scrape(gateway.port());
  }
}
