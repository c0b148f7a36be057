package dev.scry.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.gateway.config.ScryConfig;
import dev.scry.gateway.session.StatementObserver;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.grpc.CredentialCallOption;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Flight SQL port of a gateway with {@code auth: basic} and TLS: the configured user over TLS
 * (the same key store as the HTTP port), refused without and with wrong credentials (SQLSTATE 28000,
 * the password never in the error), through Arrow's JDBC driver and its FlightSqlClient.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlightAuthenticationAndTlsTest {
  private static final String PASSWORD = TestSecrets.ANALYST_PASSWORD;
  private static final String STORE_PASSWORD = TestSecrets.KEYSTORE_PASSWORD;

  @TempDir static Path work;

  private RunningGateway gateway;
  private Path trustStore;
  private Path certificate;
  private BufferAllocator allocator;

  @BeforeAll
  void start() throws Exception {
    Path keyStore = work.resolve("server.p12");
    trustStore = work.resolve("trust.p12");
    certificate = work.resolve("server.pem");
    AuthenticationAndTlsTest.keytool(
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
    AuthenticationAndTlsTest.keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "scry",
        "-keystore",
        keyStore.toString(),
        "-storepass",
        STORE_PASSWORD,
        "-file",
        certificate.toString());
    AuthenticationAndTlsTest.keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "scry",
        "-file",
        certificate.toString(),
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
        RunningGateway.startWithFlight(
            work,
            config ->
                new ScryConfig(
                    server,
                    config.storage(),
                    config.warehouse(),
                    config.spark(),
                    false,
                    config.limits()),
            StatementObserver.NONE);
    allocator = new RootAllocator();
  }

  @AfterAll
  void stop() {
    if (allocator != null) {
      allocator.close();
    }
    if (gateway != null) {
      gateway.close();
    }
  }

  private Properties tls() {
    Properties properties = new Properties();
    properties.setProperty("trustStore", trustStore.toString());
    properties.setProperty("trustStorePassword", STORE_PASSWORD);
    // Otherwise the driver opens the JVM's own trust store with this password.
    properties.setProperty("useSystemTrustStore", "false");
    return properties;
  }

  @Test
  void theRightPasswordConnectsOverTls() throws SQLException {
    assertTrue(gateway.flightUrl().endsWith("?useEncryption=true"), gateway.flightUrl());
    Properties properties = tls();
    properties.setProperty("user", "analyst");
    properties.setProperty("password", PASSWORD);
    try (Connection connection = DriverManager.getConnection(gateway.flightUrl(), properties);
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT 40 + 2")) {
      assertTrue(rs.next());
      assertEquals(42, rs.getObject(1));
    }
  }

  @Test
  void aWrongPasswordIsRefusedWith28000() {
    Properties properties = tls();
    properties.setProperty("user", "analyst");
    properties.setProperty("password", "wrong-" + PASSWORD);
    SQLException error = assertThrows(SQLException.class, () -> query(properties, "SELECT 1"));
    assertTrue(error.getMessage().contains("refused the credentials"), error.getMessage());
    assertTrue(error.getMessage().contains("SQLSTATE 28000"), error.getMessage());
    assertFalse(error.getMessage().contains(PASSWORD), error.getMessage());
  }

  @Test
  void noCredentialsAreRefused() {
    SQLException error = assertThrows(SQLException.class, () -> query(tls(), "SELECT 1"));
    assertTrue(error.getMessage().contains("SQLSTATE 28000"), error.getMessage());
  }

  @Test
  void flightSqlClientAuthenticatesInTheHandshakeThenWithItsBearerToken() throws Exception {
    try (InputStream trusted = Files.newInputStream(certificate);
        FlightClient flight =
            FlightClient.builder(allocator, Location.forGrpcTls("127.0.0.1", gateway.flightPort()))
                .trustedCertificates(trusted)
                .build();
        FlightSqlClient client = new FlightSqlClient(flight)) {
      FlightRuntimeException anonymous =
          assertThrows(FlightRuntimeException.class, () -> client.execute("SELECT 1"));
      assertEquals(FlightStatusCode.UNAUTHENTICATED, anonymous.status().code());
      FlightRuntimeException wrong =
          assertThrows(
              FlightRuntimeException.class,
              () -> flight.authenticateBasicToken("analyst", "wrong-" + PASSWORD));
      assertEquals(FlightStatusCode.UNAUTHENTICATED, wrong.status().code());
      assertFalse(wrong.getMessage().contains(PASSWORD), wrong.getMessage());
      CredentialCallOption bearer =
          flight.authenticateBasicToken("analyst", PASSWORD).orElseThrow();
      assertEquals(1, client.execute("SELECT 1", bearer).getEndpoints().size());
    }
  }

  private void query(Properties properties, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(gateway.flightUrl(), properties);
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
    }
  }
}
