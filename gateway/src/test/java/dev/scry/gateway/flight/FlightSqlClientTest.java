package dev.scry.gateway.flight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.gateway.RunningGateway;
import dev.scry.gateway.session.StatementObserver;
import dev.scry.planner.parser.ScryParser;
import dev.scry.testing.TestData;
import dev.scry.testing.TestTables;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.arrow.flight.CallOptions;
import org.apache.arrow.flight.CancelFlightInfoRequest;
import org.apache.arrow.flight.CancelStatus;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.client.ClientCookieMiddleware;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlInfo;
import org.apache.arrow.flight.sql.util.TableRef;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Arrow's {@code FlightSqlClient} reading vectors from the gateway's Flight SQL port: the Arrow types of
 * every SQL type, results streamed batch by batch, the metadata commands, a prepared statement with an
 * Arrow parameter, an update, an error's SQLSTATE, and the cancel of a running PREDICT.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlightSqlClientTest {
  /** As in CancelAndTimeoutTest: minutes of scoring on 2 cores, in tasks that stop when killed. */
  private static final long IDS = 20_000_000L;

  private static final String LONG_PREDICT =
      "SELECT COUNT(*) FROM PREDICT(MODEL => 'iris_rf', DATA => (SELECT"
          + " ARRAY[CAST(MOD(id, 7) AS REAL), CAST(MOD(id, 5) AS REAL), CAST(MOD(id, 3) AS REAL),"
          + " CAST(0.5 AS REAL)] AS float_input FROM ids)) WHERE output_label = 3";

  @TempDir static Path work;

  private RunningGateway gateway;
  private BufferAllocator allocator;
  private FlightClient flightClient;
  private FlightSqlClient client;

  @BeforeAll
  void start() throws SQLException {
    gateway = RunningGateway.startWithFlight(work, config -> config, StatementObserver.NONE);
    Path ids = work.resolve("ids");
    gateway.spark().range(0, IDS, 1, 2).write().parquet(ids.toString());
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      TestTables.registerIrisAndTitanic(statement);
      statement.execute(
          "CREATE EXTERNAL TABLE ids STORED AS PARQUET LOCATION '" + TestData.uri(ids) + "'");
    }
    allocator = new RootAllocator();
    // The session travels as a cookie when the client sends no credentials (auth: none).
    flightClient =
        FlightClient.builder(allocator, Location.forGrpcInsecure("127.0.0.1", gateway.flightPort()))
            .intercept(new ClientCookieMiddleware.Factory())
            .build();
    client = new FlightSqlClient(flightClient);
  }

  @AfterAll
  void stop() throws Exception {
    if (client != null) {
      client.close();
    }
    if (allocator != null) {
      allocator.close();
    }
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void everySqlTypeHasSparksArrowTypeAndNullsStayNull() throws Exception {
    FlightInfo info =
        client.execute(
            "SELECT 3 AS i, CAST(4 AS BIGINT) AS bi, CAST(1.5 AS REAL) AS r, CAST(2.5 AS DOUBLE) AS d,"
                + " CAST(1.25 AS DECIMAL(10, 2)) AS amount, 'x' AS s, TRUE AS b,"
                + " DATE '2024-02-29' AS dt, TIMESTAMP '2024-02-29 12:34:56.123' AS ts,"
                + " ARRAY[1, 2] AS arr, CAST(NULL AS INTEGER) AS nothing");
    Schema schema = info.getSchemaOptional().orElseThrow();
    List<ArrowType> types = schema.getFields().stream().map(Field::getType).toList();
    assertEquals(
        List.of(
            new ArrowType.Int(32, true),
            new ArrowType.Int(64, true),
            new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE),
            new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE),
            new ArrowType.Decimal(10, 2, 128),
            ArrowType.Utf8.INSTANCE,
            ArrowType.Bool.INSTANCE,
            new ArrowType.Date(DateUnit.DAY),
            new ArrowType.Timestamp(TimeUnit.MICROSECOND, null),
            ArrowType.List.INSTANCE,
            new ArrowType.Int(32, true)),
        types);
    assertEquals(
        new ArrowType.Int(32, true), schema.getFields().get(9).getChildren().get(0).getType());
    try (FlightStream stream = client.getStream(info.getEndpoints().get(0).getTicket())) {
      assertTrue(stream.next());
      VectorSchemaRoot root = stream.getRoot();
      assertEquals(1, root.getRowCount());
      assertEquals("2024-02-29T12:34:56.123", root.getVector("ts").getObject(0).toString());
      assertEquals(
          LocalDate.of(2024, 2, 29).toEpochDay(), ((DateDayVector) root.getVector("dt")).get(0));
      assertEquals("1.25", root.getVector("amount").getObject(0).toString());
      assertEquals("[1,2]", root.getVector("arr").getObject(0).toString());
      assertTrue(root.getVector("nothing").isNull(0));
      assertFalse(stream.next());
    }
  }

  @Test
  void aLargeResultStreamsInBatchesOfAtMostTheFrameSize() throws Exception {
    FlightInfo info = client.execute("SELECT id FROM ids WHERE id < 12345");
    long rows = 0;
    int batches = 0;
    for (FlightEndpoint endpoint : info.getEndpoints()) {
      try (FlightStream stream = client.getStream(endpoint.getTicket())) {
        while (stream.next()) {
          int count = stream.getRoot().getRowCount();
          assertTrue(
              count <= 5000, "a batch holds at most limits.max-rows-per-frame rows: " + count);
          rows += count;
          batches++;
        }
      }
    }
    assertEquals(12345, rows);
    assertTrue(batches >= 3, "batches: " + batches);
  }

  @Test
  void aLargeResultIsSeveralEndpointsReadAtOnceEachReadableOnce() throws Exception {
    int rows = 300_000;
    FlightInfo info = client.execute("SELECT id FROM ids WHERE id < " + rows);
    List<FlightEndpoint> endpoints = info.getEndpoints();
    assertEquals(2, endpoints.size(), "one endpoint per core of the gateway's local[2]");
    List<CompletableFuture<List<Long>>> reads =
        endpoints.stream().map(e -> CompletableFuture.supplyAsync(() -> ids(e))).toList();
    BitSet seen = new BitSet(rows);
    for (CompletableFuture<List<Long>> read : reads) {
      for (long id : read.get()) {
        assertFalse(seen.get((int) id), "row " + id + " arrived twice");
        seen.set((int) id);
      }
    }
    assertEquals(rows, seen.cardinality());
    assertEquals(rows, seen.nextClearBit(0), "every id below " + rows + " once");
    FlightRuntimeException again =
        assertThrows(FlightRuntimeException.class, () -> ids(endpoints.get(0)));
    assertEquals(FlightStatusCode.NOT_FOUND, again.status().code());
  }

  /**
   * Batches wider than gRPC's ready threshold fill the client's window again and again, so the sender
   * waits for "ready" many times; it must hear it at once, not after its 30 s wait ends (it did not
   * while it sent on the call's gRPC thread, which is the thread that announces readiness).
   */
  @Test
  void aWideResultIsSentWithoutWaitingForReadinessItWasToldOf() throws Exception {
    Path log = Path.of("target", "test-logs", "scry-tests.log");
    long logBefore = Files.exists(log) ? Files.size(log) : 0;
    int rows = 1_000_000;
    FlightInfo info =
        client.execute(
            "SELECT id, CAST(id AS DOUBLE) AS a, CAST(id AS DOUBLE) / 3 AS b, SQRT(id) AS c,"
                + " 'row number ' || CAST(id AS VARCHAR) AS label FROM ids WHERE id < "
                + rows);
    List<CompletableFuture<Long>> reads =
        info.getEndpoints().stream()
            .map(e -> CompletableFuture.supplyAsync(() -> rowCount(e)))
            .toList();
    long read = 0;
    for (CompletableFuture<Long> part : reads) {
      read += part.get();
    }
    assertEquals(rows, read);
    assertFalse(
        newLogLines(log, logBefore).contains("has read nothing"),
        "the sender waited out its timeout although the client was reading");
  }

  @Test
  void anOrderedResultIsOneEndpointInItsOrder() throws Exception {
    FlightInfo info = client.execute("SELECT id FROM ids WHERE id < 30000 ORDER BY id DESC");
    assertEquals(1, info.getEndpoints().size());
    List<Long> ids = ids(info.getEndpoints().get(0));
    assertEquals(30_000, ids.size());
    for (int i = 0; i < ids.size(); i++) {
      assertEquals(29_999 - i, ids.get(i));
    }
  }

  private long rowCount(FlightEndpoint endpoint) {
    long rows = 0;
    try (FlightStream stream = client.getStream(endpoint.getTicket())) {
      while (stream.next()) {
        rows += stream.getRoot().getRowCount();
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return rows;
  }

  /** The BIGINT first column of one endpoint's rows, in the order they came. */
  private List<Long> ids(FlightEndpoint endpoint) {
    List<Long> ids = new ArrayList<>();
    try (FlightStream stream = client.getStream(endpoint.getTicket())) {
      while (stream.next()) {
        BigIntVector vector = (BigIntVector) stream.getRoot().getVector(0);
        for (int i = 0; i < stream.getRoot().getRowCount(); i++) {
          ids.add(vector.get(i));
        }
      }
    } catch (FlightRuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return ids;
  }

  @Test
  void metadataCommandsAnswerFromTheCatalog() throws Exception {
    assertTrue(read(client.getCatalogs()).isEmpty(), "no catalogs");
    List<List<Object>> schemas = read(client.getSchemas(null, null));
    assertTrue(schemas.contains(List.of("null", "default")), schemas.toString());
    List<List<Object>> tables = read(client.getTables(null, "default", "iris", null, true));
    assertEquals(1, tables.size());
    assertEquals("iris", tables.get(0).get(2));
    assertEquals("TABLE", tables.get(0).get(3));
    assertTrue(read(client.getTableTypes()).contains(List.of("TABLE")));
    assertTrue(read(client.getPrimaryKeys(TableRef.of(null, "default", "iris"))).isEmpty());
    assertFalse(read(client.getXdbcTypeInfo()).isEmpty());

    FlightInfo withSchema = client.getTables(null, "default", "iris", List.of("TABLE"), true);
    try (FlightStream stream = client.getStream(withSchema.getEndpoints().get(0).getTicket())) {
      assertTrue(stream.next());
      byte[] bytes = (byte[]) stream.getRoot().getVector("table_schema").getObject(0);
      Schema iris = deserialize(bytes);
      assertEquals(
          new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE),
          iris.findField("Sepal_Length").getType());
    }

    Map<Integer, String> info = new HashMap<>();
    for (List<Object> row :
        read(
            client.getSqlInfo(
                SqlInfo.FLIGHT_SQL_SERVER_NAME,
                SqlInfo.FLIGHT_SQL_SERVER_READ_ONLY,
                SqlInfo.SQL_IDENTIFIER_QUOTE_CHAR,
                SqlInfo.SQL_KEYWORDS))) {
      info.put(Integer.parseInt(row.get(0).toString()), row.get(1).toString());
    }
    assertEquals("Scry", info.get(SqlInfo.FLIGHT_SQL_SERVER_NAME_VALUE));
    assertEquals("false", info.get(SqlInfo.FLIGHT_SQL_SERVER_READ_ONLY_VALUE));
    assertEquals("\"", info.get(SqlInfo.SQL_IDENTIFIER_QUOTE_CHAR_VALUE));
    for (String keyword : ScryParser.jdbcKeywords().split(",")) {
      assertTrue(info.get(SqlInfo.SQL_KEYWORDS_VALUE).contains('"' + keyword + '"'), keyword);
    }
  }

  @Test
  void aPreparedStatementTakesAnArrowParameter() throws Exception {
    try (FlightSqlClient.PreparedStatement prepared =
        client.prepare("SELECT COUNT(*) FROM iris WHERE Sepal_Length > ?")) {
      Schema parameters = prepared.getParameterSchema();
      assertEquals(1, parameters.getFields().size());
      try (VectorSchemaRoot values = VectorSchemaRoot.create(parameters, allocator)) {
        FieldVector vector = values.getVector(0);
        ((Float8Vector) vector).setSafe(0, 7.0);
        values.setRowCount(1);
        prepared.setParameters(values);
        assertEquals(List.of(List.<Object>of("12")), read(prepared.execute()));
      }
    }
  }

  @Test
  void aPreparedQueryRefusesSeveralParameterSetsAndRunsWithOne() throws Exception {
    try (FlightSqlClient.PreparedStatement prepared =
        client.prepare("SELECT COUNT(*) FROM iris WHERE Sepal_Length > ?")) {
      try (VectorSchemaRoot values =
          VectorSchemaRoot.create(prepared.getParameterSchema(), allocator)) {
        Float8Vector vector = (Float8Vector) values.getVector(0);
        vector.setSafe(0, 7.0);
        vector.setSafe(1, 5.0);
        values.setRowCount(2);
        prepared.setParameters(values);
        FlightRuntimeException error =
            assertThrows(FlightRuntimeException.class, prepared::execute);
        assertEquals(FlightStatusCode.UNIMPLEMENTED, error.status().code(), error.getMessage());
        assertTrue(error.getMessage().contains("one parameter set, not 2"), error.getMessage());
        assertTrue(error.getMessage().contains("SQLSTATE 0A000"), error.getMessage());

        values.setRowCount(1);
        prepared.setParameters(values);
        assertEquals(List.of(List.<Object>of("12")), read(prepared.execute()));
      }
    }
  }

  /**
   * Several parameter rows for a prepared update are a batch: the statement runs once per row and the
   * counts add up. (Scry's INSERT takes no parameters yet, so the rows carry no values here.)
   */
  @Test
  void aPreparedUpdateRunsOncePerParameterRowAndAddsTheCounts() throws Exception {
    String insert = "INSERT INTO flight_batch SELECT 7 AS x";
    client.executeUpdate("CREATE TABLE flight_batch (x INTEGER)");
    long one = client.executeUpdate(insert);
    try (FlightSqlClient.PreparedStatement prepared = client.prepare(insert);
        VectorSchemaRoot rows = VectorSchemaRoot.create(new Schema(List.of()), allocator)) {
      rows.setRowCount(3);
      prepared.setParameters(rows);
      assertEquals(3 * one, prepared.executeUpdate());
    }
    assertEquals(
        List.of(List.<Object>of("4", "28")),
        read(client.execute("SELECT COUNT(*), SUM(x) FROM flight_batch")));
  }

  @Test
  void anUpdateCountsAndAnErrorCarriesItsSqlState() throws Exception {
    assertTrue(client.executeUpdate("CREATE TABLE flight_copy AS SELECT 1 AS x") >= 0);
    assertEquals(List.of(List.<Object>of("1")), read(client.execute("SELECT x FROM flight_copy")));
    FlightRuntimeException error =
        assertThrows(FlightRuntimeException.class, () -> client.execute("SELECT * FROM nope"));
    assertEquals(FlightStatusCode.INVALID_ARGUMENT, error.status().code());
    assertTrue(error.getMessage().contains("SQLSTATE 42S02"), error.getMessage());
    assertEquals("42S02", error.status().metadata().get(FlightErrors.SQLSTATE_KEY));
  }

  /**
   * A client's gRPC deadline ends its call; the gateway hears of it while the first batch is still
   * being computed and stops the statement's Spark jobs (the statement is logged as cancelled), rather
   * than scoring on for minutes.
   */
  @Test
  void aClientDeadlineStopsTheStatementWhileItsFirstBatchIsComputed() throws Exception {
    Path log = Path.of("target", "test-logs", "scry-tests.log");
    long logBefore = Files.exists(log) ? Files.size(log) : 0;
    FlightInfo info = client.execute(LONG_PREDICT);
    FlightRuntimeException error =
        assertThrows(
            FlightRuntimeException.class,
            () -> {
              try (FlightStream stream =
                  client.getStream(
                      info.getEndpoints().get(0).getTicket(),
                      CallOptions.timeout(5, java.util.concurrent.TimeUnit.SECONDS))) {
                while (stream.next()) {
                  // The deadline ends the call long before the PREDICT's first batch.
                }
              }
            });
    assertEquals(FlightStatusCode.TIMED_OUT, error.status().code(), error.getMessage());
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!newLogLines(log, logBefore).contains("outcome=ERROR 57014")
        || gateway.spark().sparkContext().statusTracker().getActiveJobIds().length > 0) {
      assertTrue(
          System.nanoTime() < deadline,
          "the statement still runs a minute after its client's deadline");
      Thread.sleep(200);
    }
    assertEquals(List.of(List.<Object>of("3")), read(client.execute("SELECT 1 + 2")));
  }

  private static String newLogLines(Path log, long from) throws IOException {
    String logged = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    return logged.substring((int) Math.min(from, logged.length()));
  }

  @Test
  void cancelFlightInfoStopsARunningPredict() throws Exception {
    FlightInfo info = client.execute(LONG_PREDICT);
    long started = System.nanoTime();
    CompletableFuture<FlightRuntimeException> reading =
        CompletableFuture.supplyAsync(
            () ->
                assertThrows(
                    FlightRuntimeException.class,
                    () -> {
                      try (FlightStream stream =
                          client.getStream(info.getEndpoints().get(0).getTicket())) {
                        while (stream.next()) {
                          // Reads until the cancel ends the stream.
                        }
                      }
                    }));
    // The cancel must reach the running execution: wait for its Spark job.
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (gateway.spark().sparkContext().statusTracker().getActiveJobIds().length == 0) {
      assertTrue(System.nanoTime() < deadline, "the PREDICT never started");
      Thread.sleep(100);
    }
    assertEquals(
        CancelStatus.CANCELLED,
        flightClient.cancelFlightInfo(new CancelFlightInfoRequest(info)).getStatus());
    FlightRuntimeException error = reading.get(60, java.util.concurrent.TimeUnit.SECONDS);
    assertEquals(FlightStatusCode.CANCELLED, error.status().code(), error.getMessage());
    assertTrue(error.getMessage().contains("SQLSTATE 57014"), error.getMessage());
    assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 90);
    // The session goes on.
    assertEquals(List.of(List.<Object>of("3")), read(client.execute("SELECT 1 + 2")));
  }

  /** Every row of every endpoint, cells as strings ("null" for NULL). */
  private List<List<Object>> read(FlightInfo info) throws Exception {
    List<List<Object>> rows = new ArrayList<>();
    for (FlightEndpoint endpoint : info.getEndpoints()) {
      try (FlightStream stream = client.getStream(endpoint.getTicket())) {
        while (stream.next()) {
          VectorSchemaRoot root = stream.getRoot();
          for (int r = 0; r < root.getRowCount(); r++) {
            List<Object> row = new ArrayList<>();
            for (FieldVector vector : root.getFieldVectors()) {
              row.add(String.valueOf(vector.getObject(r)));
            }
            rows.add(row);
          }
        }
      }
    }
    return rows;
  }

  private static Schema deserialize(byte[] bytes) throws IOException {
    return MessageSerializer.deserializeSchema(
        new ReadChannel(Channels.newChannel(new ByteArrayInputStream(bytes))));
  }
}
