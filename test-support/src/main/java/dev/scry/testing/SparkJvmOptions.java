package dev.scry.testing;

import java.nio.file.Files;

/**
 * The JVM options Spark needs, for the JVMs tests start themselves (gateways, Spark's Master and Workers):
 * the repository's {@code spark-jvm.options}, the argument file the build and {@code ./scry} read.
 */
public final class SparkJvmOptions {
  private SparkJvmOptions() {}

  /** {@code @/path/to/spark-jvm.options}: one command-line argument the java launcher expands. */
  public static String argument() {
    return "@"
        + RepositoryFiles.find(
            "scry.spark.jvm.options",
            "spark-jvm.options",
            Files::isRegularFile,
            "Spark's JVM options (spark-jvm.options)");
  }
}
