package dev.scry.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * P7, P7b and P7c: the fetch of P3 and a PREDICT's scores through the gateway's Flight SQL port,
 * against Spark's own iterator in process and the Avatica path, in the same run. P7 reads through
 * Arrow's Flight SQL JDBC driver (cells, as a BI tool does), P7b through {@code FlightSqlClient}
 * reading vectors, all endpoints at once (as ADBC and pandas clients do).
 */
final class FlightFetchBench {
  static final String FETCH = "SELECT id, f0, f1, f2, f3, name FROM bench.scoring";

  private final Sampler sampler;
  private final Connection avatica;
  private final int flightPort;

  FlightFetchBench(Sampler sampler, Connection avatica, int flightPort) {
    this.sampler = Objects.requireNonNull(sampler, "sampler");
    this.avatica = Objects.requireNonNull(avatica, "avatica");
    this.flightPort = flightPort;
  }

  /** P7 and P7b against {@code local}, Spark's toLocalIterator over the same rows. */
  List<BenchResult> fetch(Measure local) throws Exception {
    Measure jdbc =
        sampler.seconds(
            "P7 fetch through the Flight SQL JDBC driver",
            () -> {
              try (Connection connection =
                  DriverManager.getConnection(
                      "jdbc:arrow-flight-sql://127.0.0.1:" + flightPort + "?useEncryption=false")) {
                return BenchMain.fetchChecksum(connection, FETCH);
              }
            });
    Measure vectors = sampler.seconds("P7b fetch through FlightSqlClient", () -> vectors(FETCH));
    Measure viaAvatica =
        sampler.seconds("P7b fetch through Avatica", () -> BenchMain.fetchChecksum(avatica, FETCH));
    double ratio = local.median() / jdbc.median();
    double vectorRatio = local.median() / vectors.median();
    double overAvatica = viaAvatica.median() / vectors.median();
    return List.of(
        new BenchResult(
            "P7",
            "fetch all rows × 6 columns through Flight SQL's JDBC driver ÷ Spark's toLocalIterator",
            BenchReport.seconds(jdbc),
            BenchReport.seconds(local),
            BenchReport.ratio(ratio),
            "≥ 1.0",
            ratio >= 1.0),
        new BenchResult(
            "P7b",
            "the same through FlightSqlClient (vectors, endpoints at once) ÷ toLocalIterator;"
                + " Avatica ÷ it: "
                + BenchReport.ratio(overAvatica)
                + " (Avatica "
                + BenchReport.seconds(viaAvatica)
                + ")",
            BenchReport.seconds(vectors),
            BenchReport.seconds(local),
            BenchReport.ratio(vectorRatio),
            "≥ 2.0, Avatica ÷ it ≥ 3",
            vectorRatio >= 2.0 && overAvatica >= 3.0));
  }

  /** P7c: a PREDICT's scores for every row, FlightSqlClient against the Avatica path. */
  BenchResult predict(ScoringModel model) throws Exception {
    String query =
        "SELECT "
            + model.probabilityColumn()
            + " FROM PREDICT(MODEL => '"
            + model.name()
            + "', DATA => ("
            + model.dataQuery().formatted("bench.predict")
            + "))";
    Measure flight = sampler.seconds("P7c PREDICT through FlightSqlClient", () -> vectors(query));
    Measure viaAvatica =
        sampler.seconds(
            "P7c PREDICT through Avatica",
            () -> {
              double sum = 0;
              try (Statement statement = avatica.createStatement();
                  ResultSet rs = statement.executeQuery(query)) {
                while (rs.next()) {
                  sum += rs.getDouble(1);
                }
              }
              return sum;
            });
    double ratio = viaAvatica.median() / flight.median();
    return new BenchResult(
        "P7c",
        "PREDICT returning every row's score: Avatica ÷ Flight SQL (FlightSqlClient)",
        BenchReport.seconds(flight),
        BenchReport.seconds(viaAvatica),
        BenchReport.ratio(ratio),
        "—",
        true);
  }

  /** Every endpoint of {@code sql} read at once, a checksum over its vectors. */
  private long vectors(String sql) throws Exception {
    try (BufferAllocator allocator = new RootAllocator();
        FlightSqlClient client =
            new FlightSqlClient(
                FlightClient.builder(allocator, Location.forGrpcInsecure("127.0.0.1", flightPort))
                    .intercept(new ClientCookieMiddleware.Factory())
                    .build())) {
      FlightInfo info = client.execute(sql);
      ExecutorService readers = Executors.newFixedThreadPool(info.getEndpoints().size());
      try {
        List<Future<Long>> parts = new ArrayList<>();
        for (FlightEndpoint endpoint : info.getEndpoints()) {
          parts.add(readers.submit(() -> checksum(client, endpoint)));
        }
        long checksum = 0;
        for (Future<Long> part : parts) {
          checksum += part.get();
        }
        return checksum;
      } finally {
        readers.shutdownNow();
      }
    }
  }

  private static long checksum(FlightSqlClient client, FlightEndpoint endpoint) throws Exception {
    long checksum = 0;
    try (FlightStream stream = client.getStream(endpoint.getTicket())) {
      while (stream.next()) {
        VectorSchemaRoot root = stream.getRoot();
        for (FieldVector vector : root.getFieldVectors()) {
          checksum += column(vector, root.getRowCount());
        }
      }
    }
    return checksum;
  }

  /** What P3's checksum reads of a column: longs, doubles truncated, string lengths. */
  private static long column(FieldVector vector, int rows) {
    long sum = 0;
    for (int i = 0; i < rows; i++) {
      if (vector.isNull(i)) {
        continue;
      }
      if (vector instanceof BigIntVector v) {
        sum += v.get(i);
      } else if (vector instanceof Float8Vector v) {
        sum += (long) v.get(i);
      } else if (vector instanceof Float4Vector v) {
        sum += (long) (v.get(i) * 1000);
      } else if (vector instanceof VarCharVector v) {
        sum += v.getValueLength(i);
      }
    }
    return sum;
  }
}
