package dev.scry.engine.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.engine.TestSpark;
import dev.scry.planner.catalog.ColumnDefinition;
import dev.scry.planner.catalog.ColumnType;
import dev.scry.planner.catalog.TableDefinition;
import dev.scry.planner.catalog.TableFormat;
import dev.scry.planner.scan.LakeScanSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table's resolved file relation is reused until its TTL runs out, on a clock the test moves: files
 * another writer adds are not seen before that, and are seen after it; other folders, and a table whose
 * definition changed, are resolved on their own.
 */
class FileRelationCacheTest {
  private static final Duration TTL = Duration.ofMinutes(5);
  private static final ColumnDefinition ID =
      new ColumnDefinition("id", ColumnType.of("BIGINT"), true);

  private final SparkSession spark = TestSpark.session();
  private final AtomicLong clock = new AtomicLong();

  @TempDir Path folder;

  @Test
  void filesAddedByAnotherWriterAppearAfterTheTtl() {
    TableDefinition table = table("events", folder.resolve("events"));
    writeRows(table, 0, 10);
    FileScanReader reader = reader(16);
    assertEquals(10, reader.read(table).count());

    writeRows(table, 10, 15);
    clock.addAndGet(TTL.toNanos() - 1);
    assertEquals(10, reader.read(table).count(), "within the TTL the kept listing is used");

    clock.addAndGet(1);
    assertEquals(15, reader.read(table).count(), "after the TTL the files are listed again");
  }

  /**
   * The result cache's view of a scan: the kept relation's own files (no listing of its own), and
   * whether that relation is still the kept one, which stops holding once a query renewed it.
   */
  @Test
  void listedFilesAreTheKeptRelationsAndSayWhenItWasRenewed() throws Exception {
    TableDefinition table = table("listed", folder.resolve("listed"));
    writeRows(table, 0, 10);
    FileScanReader reader = reader(16);
    ScanFiles listed = reader.listedFiles(LakeScanSpec.whole(table)).orElseThrow();
    assertEquals(
        parquetFiles(folder.resolve("listed")),
        listed.lines().stream()
            .map(l -> l.substring(l.lastIndexOf('/') + 1, l.lastIndexOf(' ')))
            .sorted()
            .toList());
    assertEquals(10, reader.read(table).count(), "a query within the TTL uses the same relation");
    assertTrue(listed.stillKept().getAsBoolean());

    writeRows(table, 10, 15);
    clock.addAndGet(TTL.toNanos());
    assertEquals(15, reader.read(table).count());
    assertFalse(listed.stillKept().getAsBoolean(), "the query renewed the relation");
    assertEquals(
        parquetFiles(folder.resolve("listed")).size(),
        reader.listedFiles(LakeScanSpec.whole(table)).orElseThrow().lines().size());
    assertTrue(
        new FileScanReader(spark, new FileRelationCache(RelationCachePolicy.off(), clock::get))
            .listedFiles(LakeScanSpec.whole(table))
            .isEmpty(),
        "nothing kept: the result cache lists for itself");
  }

  @Test
  void aNewDataFolderIsReadAtOnce() {
    // Scry's writes land in a new folder: a new key, so no stale listing even within the TTL.
    Path location = folder.resolve("managed");
    TableDefinition first =
        new TableDefinition(
                "test",
                "managed",
                TableFormat.PARQUET,
                location.toUri().toString(),
                Map.of(),
                List.of(ID),
                List.of(),
                false)
            .withDataFolder("data-1");
    writeRows(first, 0, 4);
    FileScanReader reader = reader(16);
    assertEquals(4, reader.read(first).count());

    TableDefinition second = first.withDataFolder("data-2");
    spark.range(4, 7).toDF("id").write().parquet(location.resolve("data-2").toUri().toString());
    assertEquals(7, reader.read(second).count());
  }

  @Test
  void theLeastRecentlyUsedRelationIsDroppedBeyondTheLimit() {
    TableDefinition a = table("a", folder.resolve("a"));
    TableDefinition b = table("b", folder.resolve("b"));
    writeRows(a, 0, 3);
    writeRows(b, 0, 5);
    FileRelationCache cache = new FileRelationCache(new RelationCachePolicy(TTL, 1), clock::get);
    FileScanReader reader = new FileScanReader(spark, cache);
    assertEquals(3, reader.read(a).count());
    writeRows(a, 3, 4);
    assertEquals(5, reader.read(b).count());
    assertEquals(1, cache.size());
    assertEquals(4, reader.read(a).count(), "a was pushed out by b, so it is listed again");
  }

  @Test
  void offListsEveryTime() {
    TableDefinition table = table("off", folder.resolve("off"));
    writeRows(table, 0, 2);
    FileRelationCache cache = new FileRelationCache(RelationCachePolicy.off(), clock::get);
    FileScanReader reader = new FileScanReader(spark, cache);
    assertEquals(2, reader.read(table).count());
    writeRows(table, 2, 3);
    assertEquals(3, reader.read(table).count());
    assertEquals(0, cache.size());
  }

  @Test
  void settingsComeFromSparkAndBadOnesAreNamed() {
    RelationCachePolicy defaults = RelationCachePolicy.fromSpark(spark);
    assertEquals(Duration.ofSeconds(10), defaults.ttl());
    assertEquals(RelationCachePolicy.DEFAULT_MAX_ENTRIES, defaults.maxEntries());
    assertTrue(defaults.enabled());
    SparkSession other = spark.newSession();
    other.conf().set(RelationCachePolicy.TTL, "ten seconds");
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> RelationCachePolicy.fromSpark(other));
    assertTrue(
        error.getMessage().contains(RelationCachePolicy.TTL)
            && error.getMessage().contains("ten seconds"),
        error.getMessage());
  }

  /** The Parquet files of {@code location}, each as its name and size. */
  private static List<String> parquetFiles(Path location) throws IOException {
    try (Stream<Path> files = Files.list(location)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".parquet"))
          .map(f -> f.getFileName().toString() + " " + f.toFile().length())
          .sorted()
          .toList();
    }
  }

  private FileScanReader reader(int maxEntries) {
    return new FileScanReader(
        spark, new FileRelationCache(new RelationCachePolicy(TTL, maxEntries), clock::get));
  }

  private static TableDefinition table(String name, Path location) {
    return new TableDefinition(
        "test",
        name,
        TableFormat.PARQUET,
        location.toUri().toString(),
        Map.of(),
        List.of(ID),
        List.of(),
        true);
  }

  /** Adds the rows [from, to) as new files under the table's (last) read location, as another writer would. */
  private void writeRows(TableDefinition table, long from, long to) {
    List<String> locations = table.readLocations();
    spark
        .range(from, to)
        .toDF("id")
        .write()
        .mode("append")
        .parquet(locations.get(locations.size() - 1));
  }
}
