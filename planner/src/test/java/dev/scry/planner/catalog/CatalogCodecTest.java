package dev.scry.planner.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The catalog file keeps views and model aliases, and a file written before either existed still
 * reads.
 */
class CatalogCodecTest {
  @Test
  void viewsSurviveAWriteAndARead() throws Exception {
    ViewDefinition view =
        new ViewDefinition(
            "default",
            "Scored",
            "SELECT \"id\" FROM \"t\"",
            "sales",
            List.of(new ColumnDefinition("id", ColumnType.of("BIGINT"), false)));
    CatalogSnapshot snapshot =
        CatalogSnapshot.empty()
            .withSchema(
                new CatalogSnapshot.SchemaEntry("default", Map.of(), Map.of("scored", view)));
    CatalogSnapshot read = CatalogCodec.decode(CatalogCodec.encode(snapshot));
    assertEquals(view, read.view("default", "SCORED").orElseThrow());
  }

  @Test
  void aCatalogWithoutViewsReadsAsHavingNone() throws Exception {
    String written =
        "{\"formatVersion\": 1, \"schemas\": [{\"name\": \"default\", \"tables\": []}],"
            + " \"models\": []}";
    CatalogSnapshot read = CatalogCodec.decode(written.getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of(), read.sortedViews("default"));
  }

  @Test
  void modelAliasesSurviveAWriteAndARead() throws Exception {
    CatalogSnapshot.ModelEntry churn =
        new CatalogSnapshot.ModelEntry(
            "Churn",
            List.of(version(1), version(2)),
            List.of(new ModelAlias("champion", 1), new ModelAlias("Challenger", 2)));
    CatalogSnapshot read =
        CatalogCodec.decode(CatalogCodec.encode(CatalogSnapshot.empty().withModel(churn)));
    CatalogSnapshot.ModelEntry model = read.model("churn").orElseThrow();
    assertEquals(churn, model);
    assertEquals(2, model.alias("CHALLENGER").orElseThrow().version());
    assertEquals(List.of("champion"), model.aliasesOf(1));
  }

  @Test
  void aModelWithoutAliasesReadsAsHavingNone() throws Exception {
    String written =
        """
        {"formatVersion": 1, "schemas": [], "models": [{"name": "churn", "versions": [
          {"version": 1, "source": "file:/m.onnx", "location": "file:/w/_scry/models/churn/1/model.onnx",
           "sha256": "ab", "batchSize": 0, "description": "", "createdAt": "2026-01-02T03:04:05Z"}]}]}
        """;
    CatalogSnapshot read = CatalogCodec.decode(written.getBytes(StandardCharsets.UTF_8));
    CatalogSnapshot.ModelEntry model = read.model("churn").orElseThrow();
    assertEquals(1, model.latest().version());
    assertEquals(List.of(), model.aliases());
  }

  private static ModelVersion version(int number) {
    return new ModelVersion(
        "Churn",
        number,
        "file:/m" + number + ".onnx",
        "file:/w/_scry/models/churn/" + number + "/model.onnx",
        "sha" + number,
        0,
        "",
        Instant.parse("2026-01-02T03:04:05Z"));
  }
}
