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
 * aggregate without GROUP BY, a small LIMIT) is collected in one job; anything else streams with
 * {@code toLocalIterator}, one job per partition, so that the gateway never holds more than a
 * partition. One job instead of one per partition saves the per-job cost (scheduling, closure
 * cleaning) that dominates short queries.
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
    return result.toLocalIterator();
  }

  /**
   * The Arrow record batches (IPC messages) of {@code result}, built in Spark's tasks, in {@code parts}
   * (see {@link ArrowBatchCursor}): collected in one job when small, else read one partition per job.
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
    return ArrowBatchCursor.streamed(context, jobGroupId, description, batches, parts, onFinish);
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
}
