package dev.scry.gateway.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.gateway.RunningGateway;
import dev.scry.gateway.config.ScryConfig;
import dev.scry.gateway.session.StatementObserver;
import dev.scry.testing.TestTables;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} and the health probes of a gateway with Basic authentication, scraped over HTTP as
 * Prometheus would, around a known workload run through the Scry driver.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsEndpointTest {
  private static final String PASSWORD = "Metrics-Pass-4821";
  private static final String PREDICT_IRIS =
      "SELECT Species, output_label FROM PREDICT(MODEL => 'iris_rf', DATA => (SELECT Species,"
          + " ARRAY[Sepal_Length, Sepal_Width, Petal_Length, Petal_Width] AS float_input"
          + " FROM iris))";

  @TempDir static Path work;

  private final HttpClient http = HttpClient.newHttpClient();
  private RunningGateway gateway;

  @BeforeAll
  void start() throws IOException, SQLException {
    gateway = RunningGateway.start(work, false, withBasicAuth(false), StatementObserver.NONE);
    try (Connection connection = connect(gateway);
        Statement statement = connection.createStatement()) {
      TestTables.registerIrisAndTitanic(statement);
    }
  }

  @AfterAll
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void countersFollowAKnownWorkload() throws Exception {
    long rowsRead = 0;
    PrometheusText before;
    try (Connection connection = connect(gateway);
        Statement statement = connection.createStatement()) {
      // Each run must score: a result answered from the cache scores nothing.
      statement.execute("SET result_cache = off");
      before = scrape(gateway, true);
      for (int i = 0; i < 3; i++) {
        try (ResultSet rs = statement.executeQuery(PREDICT_IRIS)) {
          while (rs.next()) {
            rowsRead++;
          }
        }
      }
      assertThrows(SQLException.class, () -> statement.executeQuery("SELECT * FROM no_such"));
    }
    assertEquals(450, rowsRead);
    PrometheusText after = scrape(gateway, true);

    Map<String, String> ok = Map.of("protocol", "jdbc", "outcome", "ok", "sqlstate_class", "00");
    assertEquals(3, delta(before, after, "scry_statements_total", ok), after.toString());
    Map<String, String> unknownTable =
        Map.of("protocol", "jdbc", "outcome", "error", "sqlstate_class", "42");
    assertEquals(1, delta(before, after, "scry_statements_total", unknownTable));
    assertEquals(
        4,
        delta(before, after, "scry_statement_duration_seconds_count", Map.of("protocol", "jdbc")));
    assertEquals(450, delta(before, after, "scry_result_rows_total", Map.of("protocol", "jdbc")));
    Map<String, String> iris = Map.of("model", "iris_rf", "version", "1");
    assertEquals(450, delta(before, after, "scry_predict_rows_total", iris), after.toString());
    assertTrue(delta(before, after, "scry_predict_batches_total", iris) >= 3);
    assertEquals(
        delta(before, after, "scry_predict_batches_total", iris),
        delta(before, after, "scry_predict_batch_duration_seconds_count", iris));
    assertTrue(delta(before, after, "scry_predict_batch_duration_seconds_sum", iris) > 0);
    assertEquals(0, delta(before, after, "scry_predict_errors_total", iris));
    assertTrue(after.has("scry_model_load_duration_seconds_count"));
    assertTrue(delta(before, after, "scry_storage_read_bytes_total", Map.of()) > 0);
    assertTrue(delta(before, after, "scry_jdbc_response_bytes_total", Map.of()) > 0);
    assertTrue(after.value("scry_spark_executors", Map.of()) >= 1);
    assertTrue(after.has("scry_spark_tasks_failed_total"));
    assertTrue(after.value("jvm_memory_used_bytes", Map.of("area", "heap")) > 0);
  }

  @Test
  void openSessionsAndRunningStatementsAreGauges() throws Exception {
    try (Connection connection = connect(gateway);
        Statement statement = connection.createStatement()) {
      // 22,500 rows: more than the first frame (5,000), so the statement is still running.
      try (ResultSet rs = statement.executeQuery("SELECT a.Species FROM iris a, iris b")) {
        assertTrue(rs.next());
        PrometheusText open = scrape(gateway, true);
        assertTrue(
            open.value("scry_sessions_open", Map.of("protocol", "jdbc")) >= 1, open.toString());
        assertTrue(open.value("scry_statements_running", Map.of()) >= 1, open.toString());
      }
    }
  }

  @Test
  void refusedWithoutCredentialsWhenAuthenticationIsOn() throws Exception {
    HttpResponse<String> none = get(gateway, "/metrics", null);
    assertEquals(401, none.statusCode());
    assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
    assertTrue(!none.body().contains("scry_"), none.body());
    assertEquals(401, get(gateway, "/metrics", basic("analyst", "wrong")).statusCode());
    assertEquals(401, get(gateway, "/metrics", basic("nobody", PASSWORD)).statusCode());
    HttpResponse<String> right = get(gateway, "/metrics", basic("analyst", PASSWORD));
    assertEquals(200, right.statusCode());
    assertTrue(right.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    assertTrue(!right.body().contains(PASSWORD), "the password is not in the metrics");
  }

  @Test
  void livenessAndReadinessNeedNoCredentialsAndHealthStaysAsItWas() throws Exception {
    HttpResponse<String> live = get(gateway, "/health/live", null);
    assertEquals(200, live.statusCode());
    assertEquals("{\"status\":\"UP\"}", live.body().trim());
    HttpResponse<String> ready = get(gateway, "/health/ready", null);
    assertEquals(200, ready.statusCode());
    assertEquals("{\"status\":\"READY\"}", ready.body().trim());
    HttpResponse<String> health = get(gateway, "/health", null);
    assertEquals(200, health.statusCode());
    assertTrue(health.body().startsWith("{\"status\":\"UP\",\"connections\":"), health.body());
  }

  @Test
  void openMetricsNeedNoCredentials() throws Exception {
    try (RunningGateway open =
        RunningGateway.start(
            work.resolve("open"), false, withBasicAuth(true), StatementObserver.NONE)) {
      HttpResponse<String> response = get(open, "/metrics", null);
      assertEquals(200, response.statusCode());
      assertTrue(response.body().contains("scry_statements_running"), response.body());
      // The rest of the port still wants credentials.
      assertEquals(401, get(open, "/", null).statusCode());
    }
  }

  private UnaryOperator<ScryConfig> withBasicAuth(boolean metricsOpen) throws IOException {
    Path passwordFile =
        Files.createDirectories(work.resolve("secrets")).resolve("analyst.password");
    Files.writeString(passwordFile, PASSWORD + "\n");
    ScryConfig.ServerConfig server =
        new ScryConfig.ServerConfig(
                "127.0.0.1",
                0,
                new ScryConfig.AuthConfig(
                    "basic",
                    List.of(new ScryConfig.UserConfig("analyst", null, passwordFile.toString()))))
            .withMetrics(new ScryConfig.MetricsConfig(metricsOpen));
    return config ->
        new ScryConfig(
            server, config.storage(), config.warehouse(), config.spark(), false, config.limits());
  }

  private static Connection connect(RunningGateway gateway) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", "analyst");
    properties.setProperty("password", PASSWORD);
    return gateway.connect(properties);
  }

  private PrometheusText scrape(RunningGateway target, boolean authenticated) throws Exception {
    HttpResponse<String> response =
        get(target, "/metrics", authenticated ? basic("analyst", PASSWORD) : null);
    assertEquals(200, response.statusCode(), response.body());
    return new PrometheusText(response.body());
  }

  private HttpResponse<String> get(RunningGateway target, String path, String authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target.port() + path));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static double delta(
      PrometheusText before, PrometheusText after, String name, Map<String, String> labels) {
    return after.value(name, labels) - before.value(name, labels);
  }
}
