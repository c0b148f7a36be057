package dev.scry.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.gateway.lake.Azurite;
import dev.scry.gateway.lake.TestLake;
import dev.scry.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * External tables on the Azurite lake, through the driver: iris and titanic as CSV and as Parquet, and
 * iris as Hive-style partitioned Parquet; PREDICT over each gives the same rows as over the local files.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LakeTablesThroughJdbcTest {
  private static final String IRIS_QUERY =
      """
      SELECT Sepal_Length, Sepal_Width, Petal_Length, Petal_Width, Species, output_label
      FROM PREDICT(MODEL => 'iris_rf', DATA => (SELECT Sepal_Length, Sepal_Width, Petal_Length, Petal_Width,
        Species, ARRAY[Sepal_Length, Sepal_Width, Petal_Length, Petal_Width] AS float_input FROM %s))""";

  @TempDir static Path work;

  private TestLake lake;
  private RunningGateway gateway;

  @BeforeAll
  void start() throws Exception {
    lake = TestLake.start(work);
    gateway =
        RunningGateway.start(
            RunningGateway.config(
                work, lake.storage(), work.resolve("warehouse").toString(), false));
    var hadoop = gateway.spark().sparkContext().hadoopConfiguration();
    lake.upload(hadoop, TestData.data("iris.csv"), lakeUri("csv/iris/iris.csv"));
    lake.upload(
        hadoop, TestData.data("small_titanic.csv"), lakeUri("csv/titanic/small_titanic.csv"));
    // Parquet copies made locally by Spark, then uploaded as files, as a producer of the lake
    // would.
    SparkSession spark = gateway.spark();
    Path parquet = work.resolve("parquet");
    spark
        .read()
        .option("header", "true")
        .option("inferSchema", "true")
        .csv(TestData.data("iris.csv").toString())
        .coalesce(1)
        .write()
        .parquet(parquet.resolve("iris").toString());
    spark
        .read()
        .option("header", "true")
        .option("inferSchema", "true")
        .option("escape", "\"")
        .csv(TestData.data("small_titanic.csv").toString())
        .coalesce(1)
        .write()
        .parquet(parquet.resolve("titanic").toString());
    spark
        .read()
        .option("header", "true")
        .option("inferSchema", "true")
        .csv(TestData.data("iris.csv").toString())
        .write()
        .partitionBy("Species")
        .parquet(parquet.resolve("iris_by_species").toString());
    spark
        .read()
        .option("header", "true")
        .option("inferSchema", "true")
        .csv(TestData.data("iris.csv").toString())
        .coalesce(1)
        .write()
        .json(work.resolve("json").resolve("iris").toString());
    uploadTree(hadoop, parquet, "parquet/");
    uploadTree(hadoop, work.resolve("json"), "json/");
    // The partitioned copy again, next to a folder that breaks Spark's partition discovery if
    // listed.
    uploadTree(hadoop, parquet.resolve("iris_by_species"), "parquet/iris_guarded/");
    Path notParquet =
        Files.writeString(work.resolve("not-parquet.parquet"), "this is not a Parquet file");
    lake.upload(
        hadoop,
        notParquet,
        lakeUri("parquet/iris_guarded/Species=broken/other=1/not-parquet.parquet"));
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE MODEL iris_rf FROM '"
              + TestData.uri(TestData.model("skl2onnx_rf_iris.onnx"))
              + "'");
      statement.execute(
          "CREATE MODEL titanic FROM '"
              + TestData.uri(TestData.model("skl2onnx_titanic_pipeline_nozipmap.onnx"))
              + "'");
      statement.execute(
          "CREATE EXTERNAL TABLE iris_local STORED AS CSV LOCATION '"
              + TestData.uri(TestData.data("iris.csv"))
              + "' OPTIONS (header 'true')");
      statement.execute(
          "CREATE EXTERNAL TABLE titanic_local STORED AS CSV LOCATION '"
              + TestData.uri(TestData.data("small_titanic.csv"))
              + "' OPTIONS (header 'true', 'escape' '\"')");
      statement.execute(
          "CREATE EXTERNAL TABLE iris_csv STORED AS CSV LOCATION '"
              + lakeUri("csv/iris/")
              + "' OPTIONS (header 'true')");
      statement.execute(
          "CREATE EXTERNAL TABLE titanic_csv STORED AS CSV LOCATION '"
              + lakeUri("csv/titanic/")
              + "' OPTIONS (header 'true', 'escape' '\"')");
      statement.execute(
          "CREATE EXTERNAL TABLE iris_parquet STORED AS PARQUET LOCATION '"
              + lakeUri("parquet/iris/")
              + "'");
      statement.execute(
          "CREATE EXTERNAL TABLE titanic_parquet STORED AS PARQUET LOCATION '"
              + lakeUri("parquet/titanic/")
              + "'");
      statement.execute(
          "CREATE EXTERNAL TABLE iris_partitioned STORED AS PARQUET LOCATION '"
              + lakeUri("parquet/iris_by_species/")
              + "' PARTITIONED BY (Species)");
      // Columns listed: inferring them would read the broken folder.
      statement.execute(
          "CREATE EXTERNAL TABLE iris_guarded (Sepal_Length DOUBLE, Sepal_Width DOUBLE,"
              + " Petal_Length DOUBLE, Petal_Width DOUBLE, Species VARCHAR) STORED AS PARQUET LOCATION '"
              + lakeUri("parquet/iris_guarded/")
              + "' PARTITIONED BY (Species)");
      statement.execute(
          "CREATE EXTERNAL TABLE iris_json STORED AS JSON LOCATION '"
              + lakeUri("json/iris/")
              + "'");
      statement.execute(
          "CREATE EXTERNAL TABLE iris_json_listed (Sepal_Length DOUBLE, Sepal_Width DOUBLE,"
              + " Petal_Length DOUBLE, Petal_Width DOUBLE, Species VARCHAR) STORED AS JSON LOCATION '"
              + lakeUri("json/iris/")
              + "'");
    }
  }

  @AfterAll
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
    if (lake != null) {
      lake.close();
    }
  }

  @Test
  void irisPredictionsOnTheLakeEqualTheLocalOnes() throws SQLException {
    List<String> local = rows(IRIS_QUERY.formatted("iris_local"));
    assertEquals(150, local.size());
    assertEquals(local, rows(IRIS_QUERY.formatted("iris_csv")), "CSV on the lake");
    assertEquals(local, rows(IRIS_QUERY.formatted("iris_parquet")), "Parquet on the lake");
    assertEquals(
        local, rows(IRIS_QUERY.formatted("iris_partitioned")), "partitioned Parquet on the lake");
  }

  @Test
  void titanicPredictionsOnTheLakeEqualTheLocalOnes() throws SQLException {
    String query =
        "SELECT name, label, probabilities_0 FROM PREDICT(MODEL => 'titanic', "
            + "DATA => TABLE %s)";
    List<String> local = rows(query.formatted("titanic_local"));
    assertEquals(38, local.size());
    assertEquals(local, rows(query.formatted("titanic_csv")), "CSV on the lake");
    assertEquals(local, rows(query.formatted("titanic_parquet")), "Parquet on the lake");
  }

  @Test
  void partitionColumnComesFromTheFolderNames() throws SQLException {
    assertEquals(
        List.of("setosa|50", "versicolor|50", "virginica|50"),
        rows("SELECT Species, COUNT(*) FROM iris_partitioned GROUP BY Species"));
    assertEquals(
        List.of("50"), rows("SELECT COUNT(*) FROM iris_partitioned WHERE Species = 'virginica'"));
    List<String> described = rows("DESCRIBE iris_partitioned");
    assertTrue(described.stream().anyMatch(r -> r.startsWith("Species|")), described.toString());
  }

  @Test
  void irisPredictionsOverJsonOnTheLakeEqualTheLocalOnes() throws SQLException {
    List<String> local = rows(IRIS_QUERY.formatted("iris_local"));
    assertEquals(
        local, rows(IRIS_QUERY.formatted("iris_json")), "JSON on the lake, inferred columns");
    assertEquals(
        local, rows(IRIS_QUERY.formatted("iris_json_listed")), "JSON on the lake, listed columns");
    // Inferred: every field of the JSON objects (iris.csv's _index_ too); listed: the declared
    // ones.
    assertEquals(
        List.of("Petal_Length", "Petal_Width", "Sepal_Length", "Sepal_Width", "Species", "_index_"),
        rows("DESCRIBE iris_json").stream()
            .map(r -> r.substring(0, r.indexOf('|')))
            .sorted()
            .toList());
    List<String> listed = new ArrayList<>();
    for (String row : rows("DESCRIBE iris_json_listed")) {
      listed.add(row.substring(0, row.indexOf('|')));
    }
    assertEquals(
        List.of("Petal_Length", "Petal_Width", "Sepal_Length", "Sepal_Width", "Species"), listed);
  }

  /**
   * The planner hands Spark only the kept partition folders: a folder that fails any scan listing it
   * ({@code Species=broken/other=1/} with a file that is not Parquet) is never listed by a query whose
   * filter prunes it, and breaks the query that needs every partition.
   */
  @Test
  void onlyTheKeptPartitionFoldersOnTheLakeAreListed() throws SQLException {
    assertEquals(List.of("50"), rows("SELECT COUNT(*) FROM iris_guarded WHERE Species = 'setosa'"));
    assertEquals(
        List.of("100"),
        rows("SELECT COUNT(*) FROM iris_guarded WHERE Species IN ('setosa', 'virginica')"));
    SQLException unpruned =
        Assertions.assertThrows(
            SQLException.class, () -> rows("SELECT COUNT(*) FROM iris_guarded"));
    assertTrue(
        String.valueOf(unpruned.getMessage()).contains("Species=broken"), unpruned.getMessage());
    String plan =
        String.join(
            "\n",
            rows(
                "EXPLAIN PLAN FOR SELECT Sepal_Length FROM iris_guarded"
                    + " WHERE Species = 'virginica'"));
    assertTrue(
        plan.contains(
            "scan default.iris_guarded: columns [Sepal_Length, Species];"
                + " pushed filters [Species = 'virginica']; partitions 1 of 4; files 1"),
        plan);
  }

  /**
   * What a query read from the emulated ADLS account, as {@code scry.queries} reports it, is the size
   * of the Parquet file it scanned, give or take the footer read twice: hadoop-azure counts the bytes
   * its streams return on the task's thread.
   */
  @Test
  void bytesReadFromTheLakeAreTheFilesSize() throws Exception {
    long fileBytes;
    try (Stream<Path> files = Files.walk(work.resolve("parquet").resolve("iris"))) {
      fileBytes =
          files
              .filter(f -> f.getFileName().toString().endsWith(".parquet"))
              .mapToLong(f -> f.toFile().length())
              .sum();
    }
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("SET result_cache = off");
      try (ResultSet rs =
          statement.executeQuery(
              "SELECT COUNT(*) AS lake_bytes, MAX(Sepal_Length), MAX(Petal_Width), MAX(Species)"
                  + " FROM iris_parquet")) {
        assertTrue(rs.next());
        assertEquals(150L, rs.getLong(1));
      }
      long deadline = System.nanoTime() + 30_000_000_000L;
      Long read = null;
      while (read == null) {
        assertTrue(System.nanoTime() < deadline, "no bytes read reported");
        try (ResultSet rs =
            statement.executeQuery(
                "SELECT bytes_read FROM scry.queries WHERE sql_digest LIKE '%lake_bytes%'"
                    + " AND sql_digest NOT LIKE '%scry.queries%' AND state = 'FINISHED'")) {
          if (rs.next()) {
            read = (Long) rs.getObject(1);
          }
        }
        if (read == null) {
          Thread.sleep(50);
        }
      }
      assertTrue(
          read >= fileBytes / 2 && read <= fileBytes * 2,
          "read " + read + " bytes of a file of " + fileBytes);
    }
  }

  private String lakeUri(String path) {
    return TestLake.uri(Azurite.DEV_ACCOUNT, "lake", path);
  }

  private void uploadTree(Configuration hadoop, Path root, String prefix) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files =
          walk.filter(Files::isRegularFile)
              .filter(
                  f ->
                      !f.getFileName().toString().startsWith(".")
                          && !f.getFileName().toString().startsWith("_"))
              .toList();
    }
    for (Path file : files) {
      lake.upload(
          hadoop, file, lakeUri(prefix + root.relativize(file).toString().replace('\\', '/')));
    }
  }

  /** The result as sorted "a|b|c" lines, so that row order (which SQL does not promise) does not matter. */
  private List<String> rows(String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          values.add(rs.getString(i));
        }
        rows.add(String.join("|", values));
      }
    }
    rows.sort(null);
    return rows;
  }
}
