package dev.scry.engine;

import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The one local SparkSession the engine's tests share (starting Spark costs seconds), made again when a
 * test class that builds its own session stopped the context they share.
 */
public final class TestSpark {
  private static SparkSession session;

  private TestSpark() {}

  public static synchronized SparkSession session() {
    if (session == null || session.sparkContext().isStopped()) {
      session = SparkSessionFactory.create("local[2]", Map.of("spark.sql.shuffle.partitions", "4"));
    }
    return session;
  }
}
