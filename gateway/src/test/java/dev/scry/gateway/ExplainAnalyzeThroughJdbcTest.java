package dev.scry.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.testing.TestData;
import dev.scry.testing.TestTables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * EXPLAIN ANALYZE through the driver: iris written as a Parquet table in three partition folders (one
 * file each), a PREDICT over a query that keeps one folder. What the plan reports per operator (rows out
 * of the scan and of a filter, the files the scan opened and their size, the bytes the tasks read, rows
 * PREDICT scored) is checked against the data and the files on disk.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExplainAnalyzeThroughJdbcTest {
  private static final String INPUT =
      "ARRAY[Sepal_Length, Sepal_Width, Petal_Length, Petal_Width] AS float_input";

  @TempDir static Path work;

  private RunningGateway gateway;
  private Path table;

  @BeforeAll
  void start() throws SQLException {
    gateway = RunningGateway.start(work);
    table = work.resolve("iris_parts");
    gateway
        .spark()
        .read()
        .option("header", "true")
        .option("inferSchema", "true")
        .csv(TestData.data("iris.csv").toString())
        .withColumn("batch", functions.col("_index_").mod(3).cast("int"))
        .coalesce(1)
        .write()
        .partitionBy("batch")
        .parquet(table.toString());
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      TestTables.registerIrisAndTitanic(statement);
      statement.execute(
          "CREATE EXTERNAL TABLE iris_parts STORED AS PARQUET LOCATION '"
              + table.toUri()
              + "' PARTITIONED BY (batch)");
    }
  }

  @AfterAll
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void predictOverOnePartitionReportsRowsFilesAndBytesOfThatPartition() throws Exception {
    long rows = rowsOf("batch = 1");
    List<String> plan =
        explainAnalyze(
            "SELECT output_label FROM PREDICT(MODEL => 'iris_rf', DATA => (SELECT "
                + INPUT
                + " FROM iris_parts WHERE batch = 1))");
    String text = String.join("\n", plan);
    String scan = line(plan, "Scan parquet");
    assertEquals(rows, metric(scan, "rows"), text);
    assertEquals(1, metric(scan, "files"), text);
    assertEquals(bytesOf("batch=1"), metric(scan, "file bytes"), text);
    long read = Long.parseLong(line(plan, "Read from storage: ").split(" ")[3]);
    assertTrue(read > 0 && read <= 2 * bytesOf("batch=1"), text);
    String predict = line(plan, "PREDICT iris_rf:1:");
    assertTrue(predict.contains("rows scored " + rows + ", batches 1,"), text);
    assertTrue(predict.contains("rows/s"), text);
    assertTrue(text.contains("partitions 1 of 3; files 1"), text);
  }

  /** A filter on a data column: the scan's rows are the folder's, the filter's those that pass. */
  @Test
  void aFilterReportsTheRowsItLetThrough() throws Exception {
    long folder = rowsOf("batch = 2");
    long passing = rowsOf("batch = 2 AND Petal_Length > 4");
    assertTrue(passing > 0 && passing < folder, passing + " of " + folder);
    List<String> plan =
        explainAnalyze(
            "SELECT output_label FROM PREDICT(MODEL => 'iris_rf', DATA => (SELECT "
                + INPUT
                + " FROM iris_parts WHERE batch = 2 AND Petal_Length > 4))");
    String text = String.join("\n", plan);
    assertEquals(passing, metric(line(plan, "Filter"), "rows"), text);
    // Parquet skips no row of a one-row-group file, so the scan hands the filter the whole folder.
    assertEquals(folder, metric(line(plan, "Scan parquet"), "rows"), text);
    assertTrue(line(plan, "PREDICT iris_rf:1:").contains("rows scored " + passing + ","), text);
  }

  /**
   * A filter on DATA columns written above PREDICT is applied before scoring: only the kept folder is
   * read and only the rows that pass are scored, with the rows the same filter inside the DATA gives.
   */
  @Test
  void aFilterAbovePredictOnDataColumnsPrunesAndScoresOnlyTheRowsItKeeps() throws Exception {
    long passing = rowsOf("batch = 1 AND Petal_Length > 4");
    assertTrue(passing > 0 && passing < rowsOf("batch = 1"), String.valueOf(passing));
    String above =
        "SELECT \"_index_\", output_label FROM PREDICT(MODEL => 'iris_rf', DATA => (SELECT"
            + " \"_index_\", batch, Petal_Length, "
            + INPUT
            + " FROM iris_parts)) WHERE batch = 1 AND Petal_Length > 4 AND output_label >= 0";
    String inside =
        "SELECT \"_index_\", output_label FROM PREDICT(MODEL => 'iris_rf', DATA => (SELECT"
            + " \"_index_\", "
            + INPUT
            + " FROM iris_parts WHERE batch = 1 AND Petal_Length > 4)) WHERE output_label >= 0";
    List<String> plan = explainAnalyze(above);
    String text = String.join("\n", plan);
    assertTrue(line(plan, "PREDICT iris_rf:1:").contains("rows scored " + passing + ","), text);
    assertTrue(text.contains("partitions 1 of 3; files 1"), text);
    List<String> rows = resultOf(above);
    assertEquals(passing, rows.size());
    assertEquals(resultOf(inside), rows);
  }

  /** The rows of {@code query}, each as its values joined by commas, sorted. */
  private List<String> resultOf(String query) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(query)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          values.add(String.valueOf(rs.getObject(i)));
        }
        rows.add(String.join(",", values));
      }
    }
    rows.sort(null);
    return rows;
  }

  private long rowsOf(String condition) {
    Dataset<Row> rows = gateway.spark().read().parquet(table.toString());
    return rows.where(condition).count();
  }

  private long bytesOf(String folder) throws IOException {
    try (Stream<Path> files = Files.list(table.resolve(folder))) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".parquet"))
          .mapToLong(f -> f.toFile().length())
          .sum();
    }
  }

  private List<String> explainAnalyze(String query) throws SQLException {
    List<String> lines = new ArrayList<>();
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("EXPLAIN ANALYZE " + query)) {
      assertEquals("PLAN", rs.getMetaData().getColumnLabel(1));
      assertEquals(1, rs.getMetaData().getColumnCount());
      while (rs.next()) {
        lines.add((String) rs.getObject(1));
      }
    }
    return lines;
  }

  private static String line(List<String> plan, String start) {
    return plan.stream()
        .filter(l -> l.trim().startsWith(start))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line starting " + start + " in\n" + plan));
  }

  private static long metric(String line, String name) {
    Matcher m = Pattern.compile("[\\[ ]" + Pattern.quote(name) + " (\\d+)[,\\]]").matcher(line);
    assertTrue(m.find(), () -> "no " + name + " in " + line);
    return Long.parseLong(m.group(1));
  }
}
