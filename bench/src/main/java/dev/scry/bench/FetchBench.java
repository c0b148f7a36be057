package dev.scry.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.spark.sql.SparkSession;

/**
 * P3 and P3b: every row of six columns fetched through the driver against Spark's {@code
 * toLocalIterator} over the same Parquet in process, at the scoring table's size and at {@value
 * #LARGER} times it, side by side: a large result streams partition by partition, with the next
 * partitions' jobs running ahead (spark.scry.result.readAheadPartitions), and its cost shows only at
 * scale.
 */
final class FetchBench {
  static final int LARGER = 10;
  private static final double TARGET = 0.8;

  private final Sampler sampler;
  private final Connection connection;
  private final SparkSession spark;

  FetchBench(Sampler sampler, Connection connection, SparkSession spark) {
    this.sampler = Objects.requireNonNull(sampler, "sampler");
    this.connection = Objects.requireNonNull(connection, "connection");
    this.spark = Objects.requireNonNull(spark, "spark");
  }

  List<BenchResult> measure(BenchData data) throws Exception {
    BenchResult scoring = compare("P3", "bench.scoring", data.scoringTable(), data.scoringRows());
    long largerRows = data.scoringRows() * LARGER;
    System.err.printf(Locale.ROOT, "bench: generating %,d rows for P3b%n", largerRows);
    Path larger = data.generateLargerTable(LARGER);
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE EXTERNAL TABLE bench.larger STORED AS PARQUET LOCATION '" + larger.toUri() + "'");
    }
    BenchResult large = compare("P3b", "bench.larger", larger, largerRows);
    return List.of(scoring, large);
  }

  private BenchResult compare(String id, String table, Path files, long rows) throws Exception {
    String sql = FlightFetchBench.FETCH.replace("bench.scoring", table);
    Measure jdbc = sampler.seconds(id + " fetch through JDBC", () -> checksum(sql));
    Measure local =
        sampler.seconds(id + " Spark toLocalIterator", () -> BenchMain.localChecksum(spark, files));
    double ratio = local.median() / jdbc.median();
    return new BenchResult(
        id,
        String.format(
            Locale.ROOT,
            "fetch %,d rows × 6 columns through the driver ÷ Spark's toLocalIterator",
            rows),
        BenchReport.seconds(jdbc),
        BenchReport.seconds(local),
        BenchReport.ratio(ratio),
        "≥ 0.8",
        ratio >= TARGET);
  }

  private long checksum(String sql) throws SQLException {
    return BenchMain.fetchChecksum(connection, sql);
  }
}
