package dev.scry.gateway.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.gateway.config.ConfigException;
import dev.scry.gateway.config.LakeAccounts;
import dev.scry.gateway.config.ScryConfig;
import dev.scry.gateway.config.SecretSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which containers the start-up check probes, per account. */
class LakeProbeTest {
  private static final Map<String, Object> KEY = Map.of("type", "shared-key", "key-env", "K");

  @Test
  void theWarehouseContainerFirstThenListedContainersThenTheRestForAnswering()
      throws ConfigException {
    LakeAccounts accounts =
        accounts(
            new ScryConfig.StorageConfig(
                "lake", null, "contoso", null, KEY, List.of("data", "warehouse")),
            new ScryConfig.StorageConfig("other", null, "fabrikam", null, KEY),
            new ScryConfig.StorageConfig(
                "dev", null, "devstoreaccount1", "http://127.0.0.1:10000", KEY));
    List<String> probes =
        LakeProbe.plan(accounts, "abfss://warehouse@contoso.dfs.core.windows.net/scry").stream()
            .map(p -> p.purpose() + " " + p.uri())
            .toList();
    assertEquals(
        List.of(
            "WAREHOUSE abfss://warehouse@contoso.dfs.core.windows.net/",
            "LISTED_CONTAINER abfss://data@contoso.dfs.core.windows.net/",
            "REACHABILITY abfss://scry-reachability-check@fabrikam.dfs.core.windows.net/",
            "REACHABILITY abfs://scry-reachability-check@devstoreaccount1.dfs.core.windows.net/"),
        probes);
  }

  @Test
  void aLocalWarehouseAndNoAccountsProbeNothing() throws ConfigException {
    assertEquals(List.of(), LakeProbe.plan(accounts(), "file:///var/lib/scry/"));
  }

  @Test
  void aWarehouseOnAnAccountNoEntryConfiguresStopsTheStart() throws ConfigException {
    StartupFailure failure =
        assertThrows(
            StartupFailure.class,
            () ->
                LakeProbe.plan(accounts(), "abfss://warehouse@contoso.dfs.core.windows.net/scry"));
    assertTrue(
        failure
            .getMessage()
            .contains("in storage account 'contoso', which no storage entry configures"),
        failure.getMessage());
    assertTrue(failure.isConfiguration());
  }

  private static LakeAccounts accounts(ScryConfig.StorageConfig... storage) throws ConfigException {
    return LakeAccounts.from(
        new ScryConfig(null, List.of(storage), null, null, false),
        new SecretSource(Map.of("K", "a2V5")::get));
  }
}
