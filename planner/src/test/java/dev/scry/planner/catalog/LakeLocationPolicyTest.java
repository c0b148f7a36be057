package dev.scry.planner.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.planner.ScryException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Storage-account roots: a whole account ({@code *@host}) or listed containers, abfs and abfss. */
class LakeLocationPolicyTest {
  private final LocationPolicy policy =
      new LocationPolicy(
          List.of(
              "abfss://*@contoso.dfs.core.windows.net/",
              "abfs://*@contoso.dfs.core.windows.net/",
              "abfss://models@fabrikam.dfs.core.windows.net/",
              "file:///srv/data"));

  @Test
  void admitsAnyContainerOfAWholeAccount() {
    assertEquals(
        "abfss://sales@contoso.dfs.core.windows.net/orders/",
        policy.check("abfss://sales@contoso.dfs.core.windows.net/orders/", "table location"));
    assertEquals(
        "abfs://x1y@contoso.dfs.core.windows.net/a/b.csv",
        policy.check("abfs://x1y@contoso.dfs.core.windows.net/a//b.csv", "table location"));
  }

  @Test
  void admitsOnlyListedContainers() {
    policy.check("abfss://models@fabrikam.dfs.core.windows.net/iris/rf.onnx", "model source");
    assertRefused(
        "abfss://data@fabrikam.dfs.core.windows.net/iris/", "outside the configured storage");
  }

  @Test
  void refusesOtherAccountsHostsSchemesAndClimbing() {
    assertRefused(
        "abfss://sales@contoso2.dfs.core.windows.net/x/", "outside the configured storage");
    assertRefused(
        "abfss://sales@evil.contoso.dfs.core.windows.net/x/", "outside the configured storage");
    assertRefused("abfss://contoso.dfs.core.windows.net/x/", "outside the configured storage");
    assertRefused("abfss://@contoso.dfs.core.windows.net/x/", "outside the configured storage");
    assertRefused(
        "abfss://sales@contoso.blob.core.windows.net/x/", "outside the configured storage");
    assertRefused(
        "wasbs://sales@contoso.dfs.core.windows.net/x/", "outside the configured storage");
    assertRefused("https://contoso.dfs.core.windows.net/sales/x", "outside the configured storage");
    assertRefused("file:///etc/passwd", "outside the configured storage");
    assertRefused("abfss://sales@contoso.dfs.core.windows.net/x/../../y", "'..'");
    assertRefused("file:///srv/data/../../etc/passwd", "'..'");
  }

  private void assertRefused(String uri, String reason) {
    ScryException error =
        assertThrows(ScryException.class, () -> policy.check(uri, "table location"), uri);
    assertTrue(error.getMessage().contains(reason), error.getMessage());
  }
}
