package dev.scry.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.calcite.avatica.ConnectionPropertiesImpl;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The driver against an HTTP endpoint that speaks Avatica's protobuf protocol through Avatica's own
 * translation classes, so that the tests see exactly what a gateway would receive.
 */
class ScryDriverTest {

  /** One request as the server received it. */
  private record Received(String authorization, byte[] body, Service.Request request) {}

  private final ProtobufTranslationImpl protobuf = new ProtobufTranslationImpl();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private boolean challengeForBasicAuth;

  private String startAvaticaEndpoint() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::answer);
    server.start();
    return "jdbc:scry://127.0.0.1:" + server.getAddress().getPort();
  }

  private void answer(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (challengeForBasicAuth && authorization == null) {
      // Avatica's HTTP client sends credentials only after a challenge, as from a real server.
      exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"scry\"");
      exchange.sendResponseHeaders(401, -1);
      exchange.close();
      return;
    }
    Service.Request request = protobuf.parseRequest(body);
    received.add(new Received(authorization, body, request));
    Service.RpcMetadataResponse metadata = new Service.RpcMetadataResponse("test-endpoint");
    Service.Response response;
    if (request instanceof Service.OpenConnectionRequest) {
      response = new Service.OpenConnectionResponse(metadata);
    } else if (request instanceof Service.ConnectionSyncRequest sync) {
      response = new Service.ConnectionSyncResponse(sync.connProps, metadata);
    } else if (request instanceof Service.CloseConnectionRequest) {
      response = new Service.CloseConnectionResponse(metadata);
    } else {
      exchange.sendResponseHeaders(500, -1);
      exchange.close();
      return;
    }
    byte[] bytes = protobuf.serializeResponse(response);
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @AfterEach
  void stopEndpoint() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void driverManagerFindsTheScryDriverForScryUrls() throws SQLException {
    assertInstanceOf(ScryDriver.class, DriverManager.getDriver("jdbc:scry://127.0.0.1:8765"));
  }

  @Test
  void foreignUrlsAreLeftToOtherDrivers() throws SQLException {
    ScryDriver driver = new ScryDriver();

    assertFalse(driver.acceptsURL("jdbc:avatica:remote:url=http://127.0.0.1:8765"));
    assertNull(driver.connect("jdbc:avatica:remote:url=http://127.0.0.1:8765", new Properties()));
  }

  @Test
  void versionComesFromTheBuild() throws SQLException {
    ScryDriver driver = new ScryDriver();

    assertEquals("Scry JDBC Driver", driver.getDriverVersion().name);
    assertFalse(
        driver.getDriverVersion().versionString.contains("${"),
        driver.getDriverVersion().versionString);
    assertEquals(0, driver.getMajorVersion());
    assertEquals(1, driver.getMinorVersion());
  }

  @Test
  void refusedConnectionIsAnSqlExceptionNamingTheEndpoint() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }

    SQLException error =
        assertThrows(
            SQLException.class, () -> DriverManager.getConnection("jdbc:scry://127.0.0.1:" + port));

    assertEquals("08001", error.getSQLState());
    assertTrue(
        error
            .getMessage()
            .startsWith("Cannot connect to the Scry gateway at http://127.0.0.1:" + port + ": "),
        error.getMessage());
    assertTrue(error.getMessage().contains("Connection refused"), error.getMessage());
  }

  @Test
  void userAndPasswordTravelAsBasicAuthAndOnlyTheUserInTheOpenRequest() throws Exception {
    challengeForBasicAuth = true;
    String url = startAvaticaEndpoint();

    try (Connection connection = DriverManager.getConnection(url, "analyst", "s3cret-pw")) {
      assertEquals(url, connection.getMetaData().getURL());
    }

    Received open = received.get(0);
    Service.OpenConnectionRequest request =
        assertInstanceOf(Service.OpenConnectionRequest.class, open.request());
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString("analyst:s3cret-pw".getBytes(StandardCharsets.UTF_8));
    assertEquals(expected, open.authorization());
    assertEquals("analyst", request.info.get("user"));
    assertFalse(request.info.containsKey("password"));
    assertFalse(
        new String(open.body(), StandardCharsets.ISO_8859_1).contains("s3cret-pw"),
        "the password must not appear in the request body");
    assertInstanceOf(
        Service.CloseConnectionRequest.class, received.get(received.size() - 1).request());
  }

  @Test
  void withoutUserThereIsNoAuthorizationHeader() throws Exception {
    String url = startAvaticaEndpoint();

    try (Connection connection = DriverManager.getConnection(url)) {
      assertFalse(connection.isClosed());
    }

    assertNull(received.get(0).authorization());
  }

  @Test
  void schemaPropertyReachesTheServerAsConnectionSync() throws Exception {
    String url = startAvaticaEndpoint();
    Properties info = new Properties();
    info.setProperty("schema", "lake");

    try (Connection connection = DriverManager.getConnection(url + ";fetch_size=10", info)) {
      assertEquals("lake", connection.getSchema());
    }

    Service.ConnectionSyncRequest sync =
        received.stream()
            .map(Received::request)
            .filter(Service.ConnectionSyncRequest.class::isInstance)
            .map(Service.ConnectionSyncRequest.class::cast)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no ConnectionSyncRequest among " + received));
    assertEquals("lake", ((ConnectionPropertiesImpl) sync.connProps).getSchema());
  }
}
