package dev.scry.planner.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.planner.ScryException;
import dev.scry.planner.testing.InMemoryFileStore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Aliases are written with the catalog, kept by new versions, and go with their model. */
class ModelAliasCatalogTest {
  private static final String WAREHOUSE = "file:///warehouse/";

  private final InMemoryFileStore store = new InMemoryFileStore();

  @Test
  void anAliasSurvivesAReopenAndANewVersion() {
    Catalog catalog = Catalog.open(store, WAREHOUSE);
    catalog.addModelVersion(version(1));
    catalog.addModelVersion(version(2));
    catalog.editModel(
        "CHURN", m -> m.withAlias(new ModelAlias("champion", 1)), IllegalStateException::new);

    Catalog reopened = Catalog.open(store, WAREHOUSE);
    reopened.addModelVersion(version(3));
    CatalogSnapshot.ModelEntry churn = reopened.snapshot().model("churn").orElseThrow();
    assertEquals(List.of(new ModelAlias("champion", 1)), churn.aliases());
    assertEquals(3, churn.latest().version());
    assertEquals(List.of("champion"), churn.aliasesOf(1));
  }

  @Test
  void droppingTheModelDropsItsAliases() {
    Catalog catalog = Catalog.open(store, WAREHOUSE);
    catalog.addModelVersion(version(1));
    catalog.editModel(
        "churn", m -> m.withAlias(new ModelAlias("champion", 1)), IllegalStateException::new);
    catalog.dropModel("churn", false);
    catalog.addModelVersion(version(1));

    Catalog reopened = Catalog.open(store, WAREHOUSE);
    assertTrue(reopened.snapshot().model("churn").orElseThrow().aliases().isEmpty());
    ScryException e =
        assertThrows(
            ScryException.class,
            () -> ModelReference.parse("churn@champion").version(reopened.snapshot()));
    assertTrue(e.getMessage().startsWith("Model 'churn' has no alias 'champion'"), e.getMessage());
  }

  private static ModelVersion version(int number) {
    return new ModelVersion(
        "churn",
        number,
        "file:/m" + number + ".onnx",
        WAREHOUSE + "_scry/models/churn/" + number + "/model.onnx",
        "sha" + number,
        0,
        "",
        Instant.parse("2026-01-02T03:04:05Z"));
  }
}
