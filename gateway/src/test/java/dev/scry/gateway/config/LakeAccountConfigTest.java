package dev.scry.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Storage-account entries: each credential type, secrets from the environment or files, clear errors. */
class LakeAccountConfigTest {
  private static final String HOST = "contoso.dfs.core.windows.net";
  private final SecretSource secrets =
      new SecretSource(
          Map.of(
                  "LAKE_KEY",
                  "a2V5LWtleS1rZXk=",
                  "LAKE_SAS",
                  "?sv=2022-11-02&sig=abc%2Bdef",
                  "APP_SECRET",
                  "s3cr3t")
              ::get);

  @TempDir Path folder;

  @Test
  void sharedKeyFromTheEnvironment() throws ConfigException {
    LakeAccount account = account(Map.of("type", "shared-key", "key-env", "LAKE_KEY"), null);
    Map<String, String> settings = AbfsSettings.of(account);
    assertEquals("SharedKey", settings.get("fs.azure.account.auth.type." + HOST));
    assertEquals("a2V5LWtleS1rZXk=", settings.get("fs.azure.account.key." + HOST));
    assertEquals(List.of("abfss://*@" + HOST + "/", "abfs://*@" + HOST + "/"), account.rootUris());
    assertFalse(account.toString().contains("a2V5LWtleS1rZXk="), account.toString());
  }

  @Test
  void sasTokenFromAFileWithoutItsQuestionMark() throws Exception {
    Files.writeString(folder.resolve("token"), "?sv=2022-11-02&sig=xyz\n");
    LakeAccount account =
        account(Map.of("type", "sas", "token-file", folder.resolve("token").toString()), null);
    Map<String, String> settings = AbfsSettings.of(account);
    assertEquals("SAS", settings.get("fs.azure.account.auth.type." + HOST));
    assertEquals("sv=2022-11-02&sig=xyz", settings.get("fs.azure.sas.fixed.token." + HOST));
    assertFalse(account.credential().toString().contains("xyz"));
  }

  @Test
  void clientCredentials() throws ConfigException {
    LakeAccount account =
        account(
            Map.of(
                "type",
                "client-credentials",
                "tenant-id",
                "t-1",
                "client-id",
                "c-2",
                "secret-env",
                "APP_SECRET"),
            null);
    Map<String, String> settings = AbfsSettings.of(account);
    assertEquals("OAuth", settings.get("fs.azure.account.auth.type." + HOST));
    assertEquals(
        "org.apache.hadoop.fs.azurebfs.oauth2.ClientCredsTokenProvider",
        settings.get("fs.azure.account.oauth.provider.type." + HOST));
    assertEquals(
        "https://login.microsoftonline.com/t-1/oauth2/token",
        settings.get("fs.azure.account.oauth2.client.endpoint." + HOST));
    assertEquals("c-2", settings.get("fs.azure.account.oauth2.client.id." + HOST));
    assertEquals("s3cr3t", settings.get("fs.azure.account.oauth2.client.secret." + HOST));
    assertFalse(account.toString().contains("s3cr3t"));
  }

  @Test
  void managedIdentityNeedsNoSecret() throws ConfigException {
    LakeAccount account =
        account(Map.of("type", "managed-identity", "client-id", "user-assigned-1"), null);
    Map<String, String> settings = AbfsSettings.of(account);
    assertEquals(
        "org.apache.hadoop.fs.azurebfs.oauth2.MsiTokenProvider",
        settings.get("fs.azure.account.oauth.provider.type." + HOST));
    assertEquals("user-assigned-1", settings.get("fs.azure.account.oauth2.client.id." + HOST));
  }

  @Test
  void emulatorEndpointSwitchesToTheBlobApiOverHttp() throws ConfigException {
    LakeAccount account =
        account(Map.of("type", "shared-key", "key-env", "LAKE_KEY"), "http://127.0.0.1:10000");
    Map<String, String> settings = AbfsSettings.of(account);
    assertEquals("127.0.0.1:10000", settings.get("fs.azure.abfs.endpoint." + HOST));
    assertEquals("false", settings.get("fs.azure.account.hns.enabled." + HOST));
    assertEquals("JDK_HTTP_URL_CONNECTION", settings.get("fs.azure.networking.library." + HOST));
    assertEquals("false", settings.get("fs.azure.always.use.https"));
    assertEquals("dev.scry.engine.storage.EmulatorAbfsFileSystem", settings.get("fs.abfs.impl"));
  }

  @Test
  void realAccountsKeepHadoopAzuresFileSystemAndUseTheClassicCommitter() throws ConfigException {
    LakeAccount account = account(Map.of("type", "shared-key", "key-env", "LAKE_KEY"), null);
    Map<String, String> settings = AbfsSettings.of(account);
    assertEquals(
        null, settings.get("fs.abfs.impl"), "the emulator's listing fix is for emulators only");
    assertEquals(
        "org.apache.hadoop.mapreduce.lib.output.FileOutputCommitterFactory",
        settings.get("mapreduce.outputcommitter.factory.scheme.abfss"));
  }

  @Test
  void everyAccountGetsARetryBudgetThatFailsInSeconds() throws ConfigException {
    Map<String, String> settings =
        AbfsSettings.of(account(Map.of("type", "managed-identity"), null));
    assertEquals("3", settings.get("fs.azure.io.retry.max.retries." + HOST));
    assertEquals("2000", settings.get("fs.azure.io.retry.max.backoff.interval." + HOST));
    assertEquals("2000", settings.get("fs.azure.http.connection.timeout." + HOST));
    assertEquals("30000", settings.get("fs.azure.http.read.timeout." + HOST));
    assertEquals("3", settings.get("fs.azure.oauth.token.fetch.retry.max.retries." + HOST));
  }

  @Test
  void theRetryBudgetIsConfigurableAndChecked() throws ConfigException {
    var retry = new ScryConfig.RetryConfig(0, 5, null, 120);
    Map<String, String> settings =
        AbfsSettings.of(
            LakeAccount.from(
                new ScryConfig.StorageConfig(
                    "lake", null, "contoso", null, Map.of("type", "managed-identity"), null, retry),
                secrets));
    assertEquals("0", settings.get("fs.azure.io.retry.max.retries." + HOST));
    assertEquals("5000", settings.get("fs.azure.io.retry.max.backoff.interval." + HOST));
    assertEquals("2000", settings.get("fs.azure.http.connection.timeout." + HOST));
    assertEquals("120000", settings.get("fs.azure.http.read.timeout." + HOST));
    ConfigException bad =
        assertThrows(
            ConfigException.class,
            () ->
                LakeAccount.from(
                    new ScryConfig.StorageConfig(
                        "lake",
                        null,
                        "contoso",
                        null,
                        Map.of("type", "managed-identity"),
                        null,
                        new ScryConfig.RetryConfig(-1, null, 0, null)),
                    secrets));
    assertEquals(
        "storage 'lake' retry: max-retries must be between 0 and 30, not -1; connect-timeout-seconds must "
            + "be between 1 and 120, not 0",
        bad.getMessage());
  }

  @Test
  void listedContainersAreTheOnlyRoots() throws ConfigException {
    var storage =
        new ScryConfig.StorageConfig(
            "lake",
            null,
            "contoso",
            null,
            Map.of("type", "shared-key", "key-env", "LAKE_KEY"),
            List.of("data", "models"));
    assertEquals(
        List.of(
            "abfss://data@" + HOST + "/",
            "abfss://models@" + HOST + "/",
            "abfs://data@" + HOST + "/",
            "abfs://models@" + HOST + "/"),
        LakeAccount.from(storage, secrets).rootUris());
  }

  @Test
  void errorsNameTheKeyButNeverAValue() {
    assertError(
        Map.of("type", "shared-key", "key", "literal-secret"),
        "must not be written into the configuration");
    assertError(Map.of("type", "shared-key", "key-env", "NOT_SET"), "environment variable NOT_SET");
    assertError(
        Map.of("type", "shared-key", "key-file", folder.resolve("missing").toString()),
        "cannot read key-file");
    assertError(Map.of("type", "sas"), "missing token-env or token-file");
    assertError(
        Map.of("type", "client-credentials", "client-id", "c", "secret-env", "APP_SECRET"),
        "tenant-id is required");
    assertError(Map.of("type", "password"), "unknown type 'password'");
    assertError(Map.of(), "credential.type is required");
  }

  @Test
  void badAccountNamesAndEndpointsAreRefused() {
    ConfigException account =
        assertThrows(
            ConfigException.class,
            () ->
                LakeAccount.from(
                    new ScryConfig.StorageConfig(
                        "lake", null, "Not_An_Account", null, Map.of("type", "managed-identity")),
                    secrets));
    assertTrue(account.getMessage().contains("not a storage account name"), account.getMessage());
    ConfigException endpoint =
        assertThrows(
            ConfigException.class, () -> account(Map.of("type", "managed-identity"), "127.0.0.1"));
    assertTrue(endpoint.getMessage().contains("endpoint must look like"), endpoint.getMessage());
  }

  private void assertError(Map<String, Object> credential, String expected) {
    ConfigException error = assertThrows(ConfigException.class, () -> account(credential, null));
    assertTrue(error.getMessage().contains(expected), error.getMessage());
    assertTrue(error.getMessage().startsWith("storage 'lake'"), error.getMessage());
    assertFalse(
        error.getMessage().contains("literal-secret") || error.getMessage().contains("s3cr3t"));
  }

  private LakeAccount account(Map<String, Object> credential, String endpoint)
      throws ConfigException {
    return LakeAccount.from(
        new ScryConfig.StorageConfig("lake", null, "contoso", endpoint, credential), secrets);
  }
}
