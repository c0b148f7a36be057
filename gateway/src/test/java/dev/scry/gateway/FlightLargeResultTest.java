package dev.scry.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.engine.SparkSessionFactory;
import dev.scry.testing.TestData;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.client.ClientCookieMiddleware;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Five million rows read through Arrow's {@code FlightSqlClient}, every endpoint at once, from a
 * gateway in its own JVM with {@code -Xmx512m}, near the least Spark starts with: the rows as Java
 * objects (about 130 bytes each) would need more than the whole heap, so the result must pass through
 * as the record batches Spark's tasks built, a partition per endpoint at a time. Every row arrives
 * once (count and checksums). The heap kept after each collection is sampled and printed as a
 * measurement, not asserted: under load, partitions promoted while being sent stay in G1's old
 * generation as garbage until a mixed collection, which the figure counts (docs/flight-sql.md).
 */
class FlightLargeResultTest {
  private static final long ROWS = 5_000_000;

  @TempDir Path work;

  @Test
  void fiveMillionRowsStreamAsArrowThroughASmallHeap() throws Exception {
    Path table = work.resolve("data").resolve("numbers");
    writeNumbers(table);
    String yaml =
        """
        server:
          host: 127.0.0.1
          port: 0
          flight:
            port: 0
        storage:
          - name: data
            root: %s
        warehouse: %s
        spark:
          master: local[2]
          conf:
            spark.sql.shuffle.partitions: "2"
            spark.sql.files.maxPartitionBytes: "2m"
        """
            .formatted(work.resolve("data"), work.resolve("warehouse"));
    HttpClient http = HttpClient.newHttpClient();
    // Marking from 5 % on: see LargeResultStreamingTest (garbage promoted between old-generation
    // collections would otherwise count as kept).
    List<String> jvm =
        List.of("-Xmx512m", "-XX:-G1UseAdaptiveIHOP", "-XX:InitiatingHeapOccupancyPercent=5");
    try (ChildGateway gateway = ChildGateway.start(work, yaml, jvm, Map.of());
        Connection connection = DriverManager.getConnection(gateway.url());
        Statement statement = connection.createStatement();
        BufferAllocator allocator = new RootAllocator()) {
      statement.execute(
          "CREATE EXTERNAL TABLE numbers STORED AS PARQUET LOCATION '" + TestData.uri(table) + "'");
      URI flight = URI.create(gateway.flightUrl().orElseThrow().substring("jdbc:".length()));
      long before = ChildGateway.jsonNumber(gateway.health(http), "heapAfterLastGcBytes");
      ConcurrentLinkedQueue<Long> samples = new ConcurrentLinkedQueue<>();
      AtomicBoolean fetching = new AtomicBoolean(true);
      Thread sampler = sampler(gateway, http, samples, fetching);
      sampler.start();
      long[] totals = new long[3];
      try (FlightSqlClient client =
          new FlightSqlClient(
              FlightClient.builder(
                      allocator, Location.forGrpcInsecure(flight.getHost(), flight.getPort()))
                  .intercept(new ClientCookieMiddleware.Factory())
                  .build())) {
        FlightInfo info = client.execute("SELECT id, label FROM numbers");
        assertTrue(info.getEndpoints().size() > 1, "several endpoints: " + info.getEndpoints());
        // Every endpoint at once, as a client reading in parallel does.
        List<CompletableFuture<long[]>> reads =
            info.getEndpoints().stream()
                .map(endpoint -> CompletableFuture.supplyAsync(() -> read(client, endpoint)))
                .toList();
        for (CompletableFuture<long[]> read : reads) {
          long[] part = read.get();
          for (int i = 0; i < totals.length; i++) {
            totals[i] += part[i];
          }
        }
      } finally {
        fetching.set(false);
        sampler.join();
      }
      long count = totals[0];
      long idSum = totals[1];
      long labelBytes = totals[2];
      assertEquals(ROWS, count);
      assertEquals(ROWS * (ROWS - 1) / 2, idSum);
      assertEquals(ROWS * 14, labelBytes);
      long max = samples.stream().mapToLong(Long::longValue).max().orElse(-1);
      System.out.printf(
          "heap after GC: before %d MB, max during fetch %d MB, %d samples%n",
          before >> 20, max >> 20, samples.size());
    }
  }

  /** One endpoint's rows: their count, the sum of their ids and of their labels' lengths. */
  private static long[] read(FlightSqlClient client, FlightEndpoint endpoint) {
    long[] totals = new long[3];
    try (FlightStream stream = client.getStream(endpoint.getTicket())) {
      while (stream.next()) {
        VectorSchemaRoot root = stream.getRoot();
        BigIntVector ids = (BigIntVector) root.getVector(0);
        VarCharVector labels = (VarCharVector) root.getVector(1);
        for (int i = 0; i < root.getRowCount(); i++) {
          totals[1] += ids.get(i);
          totals[2] += labels.getValueLength(i);
        }
        totals[0] += root.getRowCount();
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return totals;
  }

  private static Thread sampler(
      ChildGateway gateway,
      HttpClient http,
      ConcurrentLinkedQueue<Long> samples,
      AtomicBoolean fetching) {
    return new Thread(
        () -> {
          while (fetching.get()) {
            try {
              samples.add(ChildGateway.jsonNumber(gateway.health(http), "heapAfterLastGcBytes"));
              Thread.sleep(100);
            } catch (Exception e) {
              return;
            }
          }
        },
        "health-sampler");
  }

  /** The table: ids 0..ROWS-1 with a 14-character label each, in several Parquet files. */
  private static void writeNumbers(Path table) {
    SparkSession spark =
        SparkSessionFactory.create("local[2]", Map.of("spark.sql.shuffle.partitions", "2"));
    spark
        .range(0, ROWS, 1, 8)
        .selectExpr("id", "concat('row-', lpad(cast(id AS STRING), 10, '0')) AS label")
        .write()
        .parquet(table.toString());
  }
}
