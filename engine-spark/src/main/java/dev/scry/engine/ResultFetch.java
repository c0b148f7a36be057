package dev.scry.engine;

import java.math.BigInteger;
import java.util.Iterator;
import java.util.Objects;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.network.util.JavaUtils;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * How a result's rows leave Spark. A result Spark's optimizer estimates small (a point query, an
 * aggregate without GROUP BY, a small LIMIT) is collected in one job; anything else streams, one job
 * per partition, with the jobs of the next {@value #DEFAULT_READ_AHEAD} partitions (setting {@link
 * #READ_AHEAD_PARTITIONS}) running while the client drains the current one ({@link
 * PartitionReadAhead}), so that the gateway holds at most that many partitions and one more. With
 * read-ahead 0 rows stream through Spark's own {@code toLocalIterator}, each partition's job started
 * when the previous one is drained. One job instead of one per partition saves the per-job cost
 * (scheduling, closure cleaning) that dominates short queries.
 *
 * <p>The estimate is the optimized plan's {@code sizeInBytes}, the same figure Spark compares with
 * {@code spark.sql.autoBroadcastJoinThreshold} before it collects a relation to the driver for a
 * broadcast. Without column statistics it does not shrink for filters (a point query over a file is
 * estimated at the file's size), but it does for LIMIT n and global aggregates, and it never
 * underestimates a plain scan.
 */
public final class ResultFetch {
  /** Spark setting (gateway config {@code spark.conf}): the largest estimate collected in one job. */
  public static final String COLLECT_MAX_BYTES = "spark.scry.result.collectMaxBytes";

  public static final String DEFAULT_COLLECT_MAX = "8m";

  /**
   * Spark setting: how many partitions after the one being read have their jobs running (per Flight
   * endpoint for Arrow results); 0 starts each partition's job when the previous one is drained.
   */
  public static final String READ_AHEAD_PARTITIONS = "spark.scry.result.readAheadPartitions";

  public static final int DEFAULT_READ_AHEAD = 1;

  private ResultFetch() {}

  /**
   * The rows of {@code result}, running its jobs on the calling thread (which must be in the
   * execution's job group): collected at once when small, else a lazy partition-by-partition iterator.
   */
  static Iterator<Row> rows(SparkSession spark, Dataset<Row> result) {
    Objects.requireNonNull(result, "result");
    if (collectsAtOnce(result, collectMaxBytes(spark))) {
      return result.collectAsList().iterator();
    }
    int ahead = readAheadPartitions(spark);
    if (ahead == 0) {
      return result.toLocalIterator();
    }
    return ReadAheadRows.start(spark.sparkContext(), result, ahead);
  }

  /**
   * The Arrow record batches (IPC messages) of {@code result}, built in Spark's tasks, in {@code parts}
   * (see {@link ArrowBatchCursor}): collected in one job when small, else read one partition per job,
   * each part with its own read-ahead.
   */
  static ArrowBatchCursor arrowBatches(
      SparkSession spark,
      Dataset<Row> result,
      int batchRows,
      String timeZone,
      int parts,
      String jobGroupId,
      String description,
      Runnable onFinish) {
    // A Scala-private method of Spark's Dataset, public in its bytecode; the one PySpark's toPandas
    // and Spark Connect build on. Duplicate column names are allowed: results may have them.
    JavaRDD<byte[]> batches =
        ((org.apache.spark.sql.classic.Dataset<Row>) result)
            .toArrowBatchRdd(Math.max(1, batchRows), timeZone, false, false)
            .toJavaRDD();
    SparkContext context = spark.sparkContext();
    if (collectsAtOnce(result, collectMaxBytes(spark))) {
      return ArrowBatchCursor.collected(
          context, jobGroupId, description, batches.collect(), parts, onFinish);
    }
    return ArrowBatchCursor.streamed(
        context, jobGroupId, description, batches, parts, readAheadPartitions(spark), onFinish);
  }

  /** Whether the optimizer's size estimate of {@code result} is at most {@code maxBytes}. */
  public static boolean collectsAtOnce(Dataset<Row> result, long maxBytes) {
    if (maxBytes <= 0) {
      return false;
    }
    BigInteger estimate =
        result.queryExecution().optimizedPlan().stats().sizeInBytes().bigInteger();
    return estimate.compareTo(BigInteger.valueOf(maxBytes)) <= 0;
  }

  /** The configured threshold in bytes; 0 turns collecting off. Sizes as Spark writes them: 8m, 512k. */
  static long collectMaxBytes(SparkSession spark) {
    String value = spark.conf().get(COLLECT_MAX_BYTES, DEFAULT_COLLECT_MAX);
    try {
      long bytes = JavaUtils.byteStringAsBytes(value.trim());
      if (bytes < 0) {
        throw new NumberFormatException("negative");
      }
      return bytes;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "Spark setting "
              + COLLECT_MAX_BYTES
              + " must be a size such as 8m,"
              + " 512k or 0 (never collect at once), not '"
              + value
              + "'",
          e);
    }
  }

  /** The configured read-ahead in partitions: a whole number, 0 or more. */
  static int readAheadPartitions(SparkSession spark) {
    String value =
        spark.conf().get(READ_AHEAD_PARTITIONS, Integer.toString(DEFAULT_READ_AHEAD)).trim();
    try {
      int partitions = Integer.parseInt(value);
      if (partitions < 0) {
        throw new NumberFormatException("negative");
      }
      return partitions;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Spark setting "
              + READ_AHEAD_PARTITIONS
              + " must be a whole number of partitions, 0 or more, not '"
              + value
              + "'",
          e);
    }
  }
}
