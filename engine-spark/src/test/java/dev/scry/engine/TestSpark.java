package dev.scry.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** The one local SparkSession the engine's tests share (starting Spark costs seconds). */
public final class TestSpark {
  private static SparkSession session;

  private TestSpark() {}

  public static synchronized SparkSession session() {
    if (session == null) {
      session = SparkSessionFactory.create("local[2]", Map.of("spark.sql.shuffle.partitions", "4"));
    }
    return session;
  }

  /** The shared test data folder (models and data sets), from the build's system property. */
  public static Path testdata() {
    String property = System.getProperty("scry.testdata");
    if (property != null && Files.isDirectory(Path.of(property))) {
      return Path.of(property);
    }
    // A git worktree may sit deeper than the main checkout: look for shared/testdata in every ancestor.
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("testdata");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("Test data not found: set -Dscry.testdata (was " + property + ")");
  }
}
