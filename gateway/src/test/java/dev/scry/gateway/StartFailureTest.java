package dev.scry.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.gateway.lake.Azurite;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scry serve} that cannot start ends: a non-zero status, exactly one line on standard error saying
 * what failed and what to do (no Java class names), the stack trace in the log file, and the process gone
 * within 10 s of the failure. Bad YAML, an unknown key, a missing secret, a port in use, and on the Azurite
 * lake: a missing warehouse container, a wrong account key, an account that cannot be reached.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StartFailureTest {
  private static final Duration EXIT_BOUND = Duration.ofSeconds(10);
  private static final String BAD_ACCOUNT = "scrywrongkey";
  private static final String BAD_ACCOUNT_REAL_KEY =
      Base64.getEncoder()
          .encodeToString("scry-start-failure-real-key-00000".getBytes(StandardCharsets.US_ASCII));
  private static final String WRONG_KEY = TestSecrets.WRONG_LAKE_KEY;

  @TempDir static Path work;

  private Azurite azurite;
  private Path devKey;
  private Path wrongKey;

  @BeforeAll
  void startTheLake() throws IOException {
    azurite = Azurite.start(work.resolve("azurite"), Map.of(BAD_ACCOUNT, BAD_ACCOUNT_REAL_KEY));
    devKey = Files.writeString(work.resolve("dev.key"), Azurite.DEV_KEY);
    wrongKey = Files.writeString(work.resolve("wrong.key"), WRONG_KEY);
  }

  @AfterAll
  void stopTheLake() {
    if (azurite != null) {
      azurite.close();
    }
  }

  @Test
  void badYaml() throws Exception {
    FailedServe serve =
        serve(
            "bad-yaml",
            """
        server:
          host: 127.0.0.1
         port: 0
        """,
            Map.of());
    assertOneLine(serve, "not valid YAML at line 3");
  }

  @Test
  void unknownKey() throws Exception {
    FailedServe serve =
        serve(
            "unknown-key",
            "server: {host: 127.0.0.1, port: 0}\nwarehous: /tmp/nowhere\n",
            Map.of());
    assertOneLine(serve, "unknown key 'warehous' at line 2");
  }

  @Test
  void missingSecretVariable() throws Exception {
    Map<String, String> environment = new HashMap<>();
    environment.put("SCRY_TEST_UNSET_LAKE_KEY", null);
    FailedServe serve =
        serve(
            "missing-secret",
            """
        server: {host: 127.0.0.1, port: 0}
        storage:
          - name: dev-lake
            account: devstoreaccount1
            endpoint: %s
            credential: {type: shared-key, key-env: SCRY_TEST_UNSET_LAKE_KEY}
        warehouse: %s
        """
                .formatted(azurite.endpoint(), work.resolve("missing-secret-warehouse")),
            environment);
    assertOneLine(serve, "environment variable SCRY_TEST_UNSET_LAKE_KEY (key-env) is not set");
  }

  @Test
  void portInUse() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      FailedServe serve =
          serve("port-in-use", localWarehouse("port-in-use", taken.getLocalPort()), Map.of());
      assertOneLine(serve, "port " + taken.getLocalPort() + " on 127.0.0.1 is already in use");
    }
  }

  @Test
  void missingWarehouseContainer() throws Exception {
    FailedServe serve =
        serve(
            "missing-container",
            lakeWarehouse(
                "devstoreaccount1",
                devKey,
                azurite.endpoint(),
                "abfs://warehouse@devstoreaccount1.dfs.core.windows.net/scry"),
            Map.of());
    assertOneLine(
        serve,
        "the warehouse container 'warehouse' does not exist in account 'devstoreaccount1'; create it,"
            + " or point 'warehouse' at an existing container");
  }

  @Test
  void wrongAccountKey() throws Exception {
    FailedServe serve =
        serve(
            "wrong-key",
            lakeWarehouse(
                BAD_ACCOUNT,
                wrongKey,
                azurite.endpoint(),
                "abfs://warehouse@" + BAD_ACCOUNT + ".dfs.core.windows.net/scry"),
            Map.of());
    assertOneLine(serve, "storage 'lake' (account '" + BAD_ACCOUNT + "') refused the credential");
    assertFalse(String.join("\n", serve.stderr()).contains(WRONG_KEY), "the key is not printed");
  }

  @Test
  void unreachableAccount() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    // No container named and the warehouse elsewhere: the account is only checked for answering at
    // all.
    FailedServe serve =
        serve(
            "unreachable",
            """
        server: {host: 127.0.0.1, port: 0}
        storage:
          - name: gone
            account: devstoreaccount1
            endpoint: http://127.0.0.1:%d
            credential: {type: shared-key, key-file: %s}
        warehouse: %s
        spark: {master: "local[1]"}
        """
                .formatted(closed, devKey, work.resolve("unreachable-warehouse")),
            Map.of());
    assertOneLine(
        serve,
        "storage 'gone' (account 'devstoreaccount1') could not be reached at http://127.0.0.1:"
            + closed
            + " (connection refused)");
  }

  @Test
  void warehouseUnderAFile() throws Exception {
    Path file = Files.writeString(work.resolve("not-a-folder"), "x");
    FailedServe serve =
        serve(
            "warehouse-under-a-file",
            """
        server: {host: 127.0.0.1, port: 0}
        warehouse: %s
        spark: {master: "local[1]"}
        """
                .formatted(file.resolve("warehouse")),
            Map.of());
    assertOneLine(serve, "the warehouse " + file.resolve("warehouse").toUri() + " cannot be used");
  }

  private FailedServe serve(String name, String yaml, Map<String, String> environment)
      throws Exception {
    return FailedServe.run(work.resolve(name), yaml, environment);
  }

  private String localWarehouse(String name, int port) {
    return """
        server: {host: 127.0.0.1, port: %d}
        warehouse: %s
        spark: {master: "local[1]"}
        """
        .formatted(port, work.resolve(name + "-warehouse"));
  }

  private static String lakeWarehouse(String account, Path key, String endpoint, String warehouse) {
    return """
        server: {host: 127.0.0.1, port: 0}
        storage:
          - name: lake
            account: %s
            endpoint: %s
            credential: {type: shared-key, key-file: %s}
        warehouse: %s
        spark: {master: "local[1]"}
        """
        .formatted(account, endpoint, key, warehouse);
  }

  private static void assertOneLine(FailedServe serve, String expected) {
    String stderr = String.join("\n", serve.stderr());
    String context = "stderr:\n" + stderr + "\nlog:\n" + serve.log();
    assertNotEquals(0, serve.status(), context);
    assertEquals(1, serve.stderr().size(), context);
    String line = serve.stderr().get(0);
    assertTrue(line.startsWith("scry: "), context);
    assertTrue(line.contains(expected), "expected '" + expected + "' in: " + line);
    assertEquals(Optional.empty(), ClientMessages.javaText(line), "Java text in: " + line);
    assertFalse(line.contains("Exception:"), line);
    assertEquals("", serve.stdout(), "no ready line");
    assertTrue(
        serve.log().contains("Scry did not start: " + line.substring("scry: ".length())), context);
    assertTrue(
        serve.log().contains("\tat dev.scry.gateway."),
        "the stack trace is in the log:\n" + serve.log());
    assertTrue(
        serve.exitAfterFailure().compareTo(EXIT_BOUND) < 0,
        "ended " + serve.exitAfterFailure().toMillis() + " ms after the failure");
    System.out.println(
        "ended "
            + serve.exitAfterFailure().toMillis()
            + " ms after the failure, status "
            + serve.status()
            + ": "
            + line);
  }
}
