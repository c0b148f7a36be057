package dev.scry.planner.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The catalog file keeps views, and a file written before views existed still reads. */
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
}
