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
    Path path = property != null ? Path.of(property) : Path.of("..", "..", "shared", "testdata");
    if (!Files.isDirectory(path)) {
      path = Path.of("..", "shared", "testdata");
    }
    return path;
  }
}
