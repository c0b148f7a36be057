package dev.scry.engine.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Partition values read back from the folder names Spark's Hive-style partitioned write gives. */
class DeltaStagingTest {
  @Test
  void aFileAtTheRootHasNoPartitionValues() {
    assertEquals(Map.of(), DeltaStaging.partitionValues("part-00000-abc.c000.snappy.parquet"));
  }

  @Test
  void folderNamesAreUnescapedInOrder() {
    assertEquals(
        Map.of("region", "eu", "day", "2026-12-05", "label", "a:b/c%"),
        DeltaStaging.partitionValues(
            "region=eu/day=2026-12-05/label=a%3Ab%2Fc%25/part-00000-abc.snappy.parquet"));
  }

  @Test
  void hivesDefaultPartitionIsNull() {
    Map<String, String> expected = new HashMap<>();
    expected.put("region", null);
    expected.put("part", "3");
    assertEquals(
        expected,
        DeltaStaging.partitionValues("region=__HIVE_DEFAULT_PARTITION__/part=3/part-0.parquet"));
  }

  @Test
  void aPercentSignNotFollowedByTwoHexDigitsStays() {
    assertEquals(Map.of("p", "100%"), DeltaStaging.partitionValues("p=100%/part-0.parquet"));
  }
}
