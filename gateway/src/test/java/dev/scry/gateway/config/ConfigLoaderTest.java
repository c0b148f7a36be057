package dev.scry.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.gateway.session.GatewayLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The YAML file: the retry section of a storage account, the Flight SQL port, and errors in one line
 * without Java type names.
 */
class ConfigLoaderTest {
  @TempDir Path folder;

  @Test
  void aStorageAccountsRetrySection() throws Exception {
    ScryConfig config =
        load(
            """
        storage:
          - name: lake
            account: contoso
            credential: {type: managed-identity}
            retry: {max-retries: 1, read-timeout-seconds: 10}
        """);
    LakeAccount account =
        LakeAccounts.from(config, new SecretSource(Map.<String, String>of()::get))
            .accounts()
            .get(0);
    assertEquals(
        new StorageRetry(1, Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(10)),
        account.retry());
  }

  @Test
  void retryOnALocalRootIsRefused() {
    assertError(
        "storage:\n  - name: files\n    root: /srv\n    retry: {max-retries: 1}\n",
        "storage 'files': retry applies to storage accounts only");
  }

  @Test
  void aValueOfTheWrongKindNamesTheKeyAndLine() {
    assertError(
        "server:\n  host: 127.0.0.1\n  port: lots\n",
        "'server.port' at line 3 must be a whole number, not 'lots'");
    assertError("demo: maybe\n", "'demo' at line 1 must be true or false, not 'maybe'");
    assertError("storage: everything\n", "'storage' at line 1 must be a list");
  }

  @Test
  void theFlightSqlPortIsOffUnlessConfigured() throws Exception {
    assertEquals(null, load("server:\n  port: 0\n").server().flight());
    assertEquals(9000, load("server:\n  flight:\n    port: 9000\n").server().flight().port());
    assertEquals(
        ScryConfig.FlightConfig.DEFAULT_PORT,
        load("server:\n  flight: {}\n").server().flight().port());
    assertEquals(
        ScryConfig.FlightConfig.DEFAULT_PORT,
        ScryConfig.embeddedDefaults().server().flight().port());
    assertError(
        "server:\n  flight:\n    port: 70000\n",
        "server.flight.port must be between 0 and 65535: 70000");
  }

  @Test
  void theQueryTimeoutIsOffUnlessConfiguredAndPositive() throws Exception {
    assertEquals(
        Duration.ZERO, GatewayLimits.from(load("server:\n  port: 0\n").limits()).queryTimeout());
    assertEquals(
        Duration.ofSeconds(300),
        GatewayLimits.from(load("limits:\n  query-timeout-seconds: 300\n").limits())
            .queryTimeout());
    assertError(
        "limits:\n  query-timeout-seconds: 0\n",
        "limits.query-timeout-seconds must be a positive number: 0");
  }

  @Test
  void aSyntaxErrorNamesLineAndColumn() {
    assertError("server:\n  host: 127.0.0.1\n port: 0\n", "not valid YAML at line 3, column 2");
  }

  private ScryConfig load(String yaml) throws Exception {
    Path file = Files.writeString(folder.resolve("scry.yaml"), yaml);
    return ConfigLoader.load(file);
  }

  private void assertError(String yaml, String expected) {
    ConfigException error = assertThrows(ConfigException.class, () -> load(yaml));
    assertTrue(error.getMessage().contains(expected), error.getMessage());
    assertFalse(error.getMessage().contains("java."), error.getMessage());
    assertEquals(1, error.getMessage().lines().count(), error.getMessage());
  }
}
