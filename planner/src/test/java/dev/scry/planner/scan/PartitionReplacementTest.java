package dev.scry.planner.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.planner.catalog.ColumnDefinition;
import dev.scry.planner.catalog.ColumnType;
import dev.scry.planner.catalog.TableDefinition;
import dev.scry.planner.catalog.TableFormat;
import dev.scry.planner.testing.InMemoryFileStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which data folder entries stay when one partition of a two-level table is replaced. */
class PartitionReplacementTest {
  private static final String LOCATION = "file:///warehouse/default/t";

  private final InMemoryFileStore files =
      new InMemoryFileStore()
          .touch(LOCATION + "/data-a/region=eu/day=1/part-0.parquet")
          .touch(LOCATION + "/data-a/region=eu/day=2/part-0.parquet")
          .touch(LOCATION + "/data-a/region=us/day=1/part-0.parquet")
          .touch(LOCATION + "/data-b/region=us/day=1/part-0.parquet")
          .touch(LOCATION + "/data-c/region=eu/day=01/part-0.parquet");

  private final TableDefinition table =
      new TableDefinition(
          "default",
          "t",
          TableFormat.PARQUET,
          LOCATION,
          Map.of(),
          List.of(
              new ColumnDefinition("x", ColumnType.of("DOUBLE"), true),
              new ColumnDefinition("region", ColumnType.of("VARCHAR"), true),
              new ColumnDefinition("day", ColumnType.of("INTEGER"), true)),
          List.of("region", "day"),
          false);

  @Test
  void foldersHoldingThePartitionAreSplitDownItsPathOnly() {
    PartitionReplacement.Result result =
        new PartitionReplacement(files)
            .replace(table, List.of("data-a", "data-b", "data-c"), List.of("eu", "1"));
    assertEquals(List.of("data-a/region=eu/day=2", "data-a/region=us", "data-b"), result.kept());
    // day=01 is the number 1, as Spark would read it for an INTEGER column.
    assertEquals(List.of("data-a/region=eu/day=1", "data-c/region=eu/day=01"), result.replaced());
  }

  @Test
  void entriesFixingAnotherValueStayAndAReplacedLeafGoes() {
    PartitionReplacement.Result result =
        new PartitionReplacement(files)
            .replace(
                table,
                List.of("data-a/region=eu/day=2", "data-a/region=us", "data-a/region=eu/day=1"),
                List.of("eu", "1"));
    assertEquals(List.of("data-a/region=eu/day=2", "data-a/region=us"), result.kept());
    assertEquals(List.of("data-a/region=eu/day=1"), result.replaced());
  }

  @Test
  void valuesCompareAsSparkWritesThem() {
    assertTrue(PartitionReplacement.sameValue("1.50", "1.5"));
    assertTrue(PartitionReplacement.sameValue("a%2Fb", "a/b"));
    assertTrue(PartitionReplacement.sameValue("TRUE", "true"));
    assertFalse(PartitionReplacement.sameValue("__HIVE_DEFAULT_PARTITION__", "x"));
    assertFalse(PartitionReplacement.sameValue("eu", "us"));
  }
}
