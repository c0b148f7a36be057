package dev.scry.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.gateway.config.ScryConfig;
import dev.scry.gateway.session.StatementObserver;
import java.io.FileInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP Basic against configured users (password from a file) over TLS from a key store the test
 * generates with the JDK's keytool.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthenticationAndTlsTest {
  private static final String PASSWORD = TestSecrets.ANALYST_PASSWORD;
  private static final String STORE_PASSWORD = TestSecrets.KEYSTORE_PASSWORD;

  @TempDir static Path work;

  private RunningGateway gateway;
  private Path trustStore;

  @BeforeAll
  void start() throws Exception {
    Path keyStore = work.resolve("server.p12");
    trustStore = work.resolve("trust.p12");
    Path cert = work.resolve("server.cer");
    keytool(
        "-genkeypair",
        "-alias",
        "scry",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-validity",
        "2",
        "-dname",
        "CN=localhost",
        "-ext",
        "SAN=ip:127.0.0.1,dns:localhost",
        "-storetype",
        "PKCS12",
        "-keystore",
        keyStore.toString(),
        "-storepass",
        STORE_PASSWORD);
    keytool(
        "-exportcert",
        "-alias",
        "scry",
        "-keystore",
        keyStore.toString(),
        "-storepass",
        STORE_PASSWORD,
        "-file",
        cert.toString());
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "scry",
        "-file",
        cert.toString(),
        "-storetype",
        "PKCS12",
        "-keystore",
        trustStore.toString(),
        "-storepass",
        STORE_PASSWORD);
    Path passwordFile = work.resolve("analyst.password");
    Files.writeString(passwordFile, PASSWORD + "\n");
    Path storePasswordFile = work.resolve("keystore.password");
    Files.writeString(storePasswordFile, STORE_PASSWORD);
    ScryConfig.ServerConfig server =
        new ScryConfig.ServerConfig(
            "127.0.0.1",
            0,
            new ScryConfig.AuthConfig(
                "basic",
                List.of(new ScryConfig.UserConfig("analyst", null, passwordFile.toString()))),
            new ScryConfig.TlsConfig(
                keyStore.toString(), "PKCS12", null, storePasswordFile.toString()));
    gateway =
        RunningGateway.start(
            work,
            false,
            config ->
                new ScryConfig(
                    server,
                    config.storage(),
                    config.warehouse(),
                    config.spark(),
                    false,
                    config.limits()),
            StatementObserver.NONE);
  }

  @AfterAll
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  private Properties tls() {
    Properties properties = new Properties();
    properties.setProperty("truststore", trustStore.toString());
    properties.setProperty("truststore_password", STORE_PASSWORD);
    return properties;
  }

  @Test
  void theRightPasswordConnectsOverTls() throws SQLException {
    assertTrue(gateway.url().endsWith(";ssl=true"), gateway.url());
    Properties properties = tls();
    properties.setProperty("user", "analyst");
    properties.setProperty("password", PASSWORD);
    try (Connection connection = gateway.connect(properties);
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT 40 + 2")) {
      assertTrue(rs.next());
      assertEquals(42, rs.getInt(1));
    }
  }

  @Test
  void theJsonSerializationAuthenticatesToo() throws SQLException {
    String url =
        "jdbc:avatica:remote:url=https://127.0.0.1:"
            + gateway.port()
            + ";serialization=json"
            + ";authentication=BASIC;avatica_user=analyst;avatica_password="
            + PASSWORD
            + ";truststore="
            + trustStore
            + ";truststore_password="
            + STORE_PASSWORD;
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT 1")) {
      assertTrue(rs.next());
    }
  }

  @Test
  void aWrongPasswordIsRefused() {
    Properties properties = tls();
    properties.setProperty("user", "analyst");
    properties.setProperty("password", "not-" + PASSWORD.toLowerCase());
    SQLException error =
        assertThrows(SQLException.class, () -> gateway.connect(properties).close());
    assertEquals("28000", error.getSQLState(), error.getMessage());
    assertTrue(error.getMessage().contains("refused the credentials"), error.getMessage());
    assertFalse(error.getMessage().contains(PASSWORD.toLowerCase()), error.getMessage());
  }

  @Test
  void aWrongPasswordIs28000ThroughThePlainAvaticaDriverToo() {
    for (String serialization : List.of("protobuf", "json")) {
      String url =
          "jdbc:avatica:remote:url=https://127.0.0.1:"
              + gateway.port()
              + ";serialization="
              + serialization
              + ";authentication=BASIC;avatica_user=analyst;avatica_password=wrong-"
              + PASSWORD
              + ";truststore="
              + trustStore
              + ";truststore_password="
              + STORE_PASSWORD;
      // Avatica's own driver reports a refused connect unchecked, with the state the gateway sent.
      AvaticaClientRuntimeException error =
          assertThrows(
              AvaticaClientRuntimeException.class, () -> DriverManager.getConnection(url).close());
      assertEquals("28000", error.getSqlState(), serialization + ": " + error.getMessage());
      assertFalse(error.getMessage().contains(PASSWORD), error.getMessage());
    }
  }

  @Test
  void noCredentialsAreRefused() {
    SQLException error = assertThrows(SQLException.class, () -> gateway.connect(tls()).close());
    assertEquals("28000", error.getSQLState(), error.getMessage());
  }

  @Test
  void everyPathAnswers401WithTheBasicChallengeButHealth() throws Exception {
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    try (FileInputStream in = new FileInputStream(trustStore.toFile())) {
      trusted.load(in, STORE_PASSWORD.toCharArray());
    }
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, trust.getTrustManagers(), null);
    HttpClient client = HttpClient.newBuilder().sslContext(ssl).build();
    String base = "https://127.0.0.1:" + gateway.port();
    for (String path : List.of("/", "/anything", "/health/x")) {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(URI.create(base + path))
                  .POST(HttpRequest.BodyPublishers.ofString("{\"request\":\"getCatalogs\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(401, response.statusCode(), path);
      assertTrue(
          response
              .headers()
              .firstValue("WWW-Authenticate")
              .orElse("")
              .startsWith("Basic realm=\"Scry\""),
          path);
    }
    HttpResponse<String> health =
        client.send(
            HttpRequest.newBuilder(URI.create(base + "/health")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, health.statusCode());
    assertTrue(health.body().contains("\"status\":\"UP\""), health.body());
  }

  @Test
  void logsNeverHoldThePasswords() throws Exception {
    theRightPasswordConnectsOverTls();
    aWrongPasswordIsRefused();
    Path log = Path.of("target", "test-logs", "scry-tests.log");
    assertTrue(Files.isRegularFile(log), "the test log " + log.toAbsolutePath());
    String text = Files.readString(log);
    assertTrue(text.contains(" user=analyst "), "the statement log names the user");
    for (String secret : List.of(PASSWORD, PASSWORD.toLowerCase(), STORE_PASSWORD)) {
      assertFalse(text.contains(secret), "a secret in " + log.toAbsolutePath());
    }
  }

  static void keytool(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "keytool finished");
    assertEquals(0, process.exitValue(), "keytool " + args[0] + ": " + output);
  }
}
