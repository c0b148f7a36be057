package dev.scry.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rand;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The bench's own data, generated with Spark and written as Parquet: a table of iris-like measurements
 * to score and fetch, a copy of it split into {@value #PARTITIONS} Hive-style partitions, and (when P1 scores
 * another number of rows) P1's own table of the same measurements.
 */
final class BenchData {
  static final int PARTITIONS = 20;
  private static final long SEED = 42;

  private final SparkSession spark;
  private final Path folder;
  private final long scoringRows;
  private final long predictRows;

  BenchData(SparkSession spark, Path folder, long scoringRows, long predictRows) {
    this.spark = spark;
    this.folder = folder;
    this.scoringRows = scoringRows;
    this.predictRows = predictRows;
  }

  Path scoringTable() {
    return folder.resolve("scoring");
  }

  Path partitionedTable() {
    return folder.resolve("parts");
  }

  /** P1's table: the scoring table itself, or a table of its own when P1 scores another number of rows. */
  Path predictTable() {
    return predictRows == scoringRows ? scoringTable() : folder.resolve("predict");
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

  /** Writes the scoring table and its partitioned copy, and P1's table when it is one of its own. */
  void generate() {
    Dataset<Row> measurements = measurements(scoringRows);
    measurements.write().mode(SaveMode.Overwrite).parquet(scoringTable().toString());
    measurements
        .withColumn("part", col("id").mod(PARTITIONS).cast("int"))
        .write()
        .mode(SaveMode.Overwrite)
        .partitionBy("part")
        .parquet(partitionedTable().toString());
    if (predictRows != scoringRows) {
      measurements(predictRows).write().mode(SaveMode.Overwrite).parquet(predictTable().toString());
    }
  }

  private Dataset<Row> measurements(long rows) {
    return spark.range(1, rows + 1).select(columns());
  }

  /** The four measurements of every row of {@code table}, in id order, as the ONNX Runtime baseline feeds them. */
  float[][] measurements(Path table) {
    List<Row> rows =
        spark
            .read()
            .parquet(table.toString())
            .orderBy("id")
            .select("f0", "f1", "f2", "f3")
            .collectAsList();
    float[][] values = new float[rows.size()][4];
    for (int i = 0; i < values.length; i++) {
      for (int j = 0; j < 4; j++) {
        values[i][j] = (float) rows.get(i).getDouble(j);
      }
    }
    return values;
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
