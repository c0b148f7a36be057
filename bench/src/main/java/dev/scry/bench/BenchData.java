package dev.scry.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rand;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The bench's own data, generated with Spark and written as Parquet: a table of iris-like measurements
 * to score and fetch, a copy of it split into {@value #PARTITIONS} Hive-style partitions, and P1's
 * tables, one per size it scores (the scoring table itself when a size equals it).
 */
final class BenchData {
  static final int PARTITIONS = 20;

  /** Columns f0 to f3 of every row. */
  static final int MEASUREMENTS = 4;

  private static final long SEED = 42;

  private final SparkSession spark;
  private final Path folder;
  private final long scoringRows;
  private final long predictRows;
  private final List<Long> predictSizes;

  /**
   * @param predictRows the rows of P1's main table ({@link #predictTable()}), which the other PREDICT
   *     measures score
   * @param predictSizes every size P1 scores, each a table of its own
   */
  BenchData(
      SparkSession spark,
      Path folder,
      long scoringRows,
      long predictRows,
      List<Long> predictSizes) {
    this.spark = spark;
    this.folder = folder;
    this.scoringRows = scoringRows;
    this.predictRows = predictRows;
    this.predictSizes = List.copyOf(predictSizes);
  }

  Path scoringTable() {
    return folder.resolve("scoring");
  }

  Path partitionedTable() {
    return folder.resolve("parts");
  }

  /** P1's main table, which the other PREDICT measures (P1d, P7c, P8, P9, P11) score too. */
  Path predictTable() {
    return predictTable(predictRows);
  }

  /** P1's table of {@code rows} rows: the scoring table itself, or a table of its own. */
  Path predictTable(long rows) {
    return rows == scoringRows ? scoringTable() : folder.resolve("predict-" + rows);
  }

  long scoringRows() {
    return scoringRows;
  }

  /** Writes a table of the scoring table's columns with {@code times} as many rows (P3b), and returns it. */
  Path generateLargerTable(int times) {
    Path table = folder.resolve("larger");
    measurements(scoringRows * times).write().mode(SaveMode.Overwrite).parquet(table.toString());
    return table;
  }

  /** Writes the scoring table alone (FetchProfile reads only it), and returns it. */
  Path generateScoringTable() {
    measurements(scoringRows).write().mode(SaveMode.Overwrite).parquet(scoringTable().toString());
    return scoringTable();
  }

  /** Writes the scoring table, its partitioned copy and P1's tables that are not the scoring table. */
  void generate() {
    Dataset<Row> measurements = measurements(scoringRows);
    measurements.write().mode(SaveMode.Overwrite).parquet(scoringTable().toString());
    measurements
        .withColumn("part", col("id").mod(PARTITIONS).cast("int"))
        .write()
        .mode(SaveMode.Overwrite)
        .partitionBy("part")
        .parquet(partitionedTable().toString());
    Set<Long> sizes = new TreeSet<>(predictSizes);
    sizes.add(predictRows);
    for (long rows : sizes) {
      if (rows != scoringRows) {
        // Only what P1 reads: no name column, so that 10,000,000 rows stay a few hundred MB.
        measurements(rows)
            .drop("name")
            .write()
            .mode(SaveMode.Overwrite)
            .parquet(predictTable(rows).toString());
      }
    }
  }

  private Dataset<Row> measurements(long rows) {
    return spark.range(1, rows + 1).select(columns());
  }

  /**
   * The four measurements of every row of {@code table}, row after row in one array, as the ONNX Runtime
   * baseline feeds them. Read a partition at a time into one flat array: at 10,000,000 rows a list of
   * Spark rows (or a float[] per row) did not fit the bench's heap. The order does not matter: the
   * baseline averages.
   */
  float[] measurements(Path table) {
    Dataset<Row> values = spark.read().parquet(table.toString()).select("f0", "f1", "f2", "f3");
    long count = values.count();
    if (count * MEASUREMENTS > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "P1's baseline holds its rows in one array: at most "
              + Integer.MAX_VALUE / MEASUREMENTS
              + " rows, not "
              + count);
    }
    float[] flat = new float[Math.toIntExact(count * MEASUREMENTS)];
    Iterator<Row> rows = values.toLocalIterator();
    int at = 0;
    while (rows.hasNext() && at < flat.length) {
      Row row = rows.next();
      for (int j = 0; j < MEASUREMENTS; j++) {
        flat[at++] = (float) row.getDouble(j);
      }
    }
    return flat;
  }

  private static Column[] columns() {
    // Ranges like iris's: sepal length 4.3-7.9, sepal width 2-4.4, petal length 1-6.9, width
    // 0.1-2.5.
    return new Column[] {
      col("id"),
      rand(SEED).multiply(3.6).plus(4.3).as("f0"),
      rand(SEED + 1).multiply(2.4).plus(2.0).as("f1"),
      rand(SEED + 2).multiply(5.9).plus(1.0).as("f2"),
      rand(SEED + 3).multiply(2.4).plus(0.1).as("f3"),
      concat(lit("row-"), col("id").cast("string")).as("name")
    };
  }
}
