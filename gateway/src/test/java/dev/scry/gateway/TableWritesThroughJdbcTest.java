package dev.scry.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.gateway.lake.Azurite;
import dev.scry.gateway.lake.TestLake;
import dev.scry.testing.TestData;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkStatusTracker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CREATE TABLE … AS and INSERT INTO managed tables, through the driver, with the warehouse in a local
 * folder ("local") and on the Azurite lake ("lake"): rows read back equal, partitioned writes, failed
 * writes leave the table as it was, DROP TABLE removes the data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TableWritesThroughJdbcTest {
  private static final String IRIS_PREDICT =
      """
      SELECT Sepal_Length, Sepal_Width, Petal_Length, Petal_Width, Species, output_label
      FROM PREDICT(MODEL => 'iris_rf', DATA => (SELECT Sepal_Length, Sepal_Width, Petal_Length, Petal_Width,
        Species, ARRAY[Sepal_Length, Sepal_Width, Petal_Length, Petal_Width] AS float_input FROM iris))""";

  @TempDir static Path work;

  private TestLake lake;
  private RunningGateway local;
  private RunningGateway onLake;
  private String lakeWarehouse;

  @BeforeAll
  void start() throws Exception {
    lake = TestLake.start(work);
    local =
        RunningGateway.start(
            RunningGateway.config(
                work, lake.storage(), work.resolve("warehouse").toString(), false));
    lakeWarehouse = TestLake.uri(Azurite.DEV_ACCOUNT, "warehouse", "scry");
    lake.createContainer(local.spark().sparkContext().hadoopConfiguration(), lakeWarehouse);
    onLake =
        RunningGateway.start(RunningGateway.config(work, lake.storage(), lakeWarehouse, false));
    for (RunningGateway gateway : List.of(local, onLake)) {
      try (Connection connection = gateway.connect();
          Statement statement = connection.createStatement()) {
        statement.execute(
            "CREATE MODEL iris_rf FROM '"
                + TestData.uri(TestData.model("skl2onnx_rf_iris.onnx"))
                + "'");
        statement.execute(
            "CREATE EXTERNAL TABLE iris STORED AS CSV LOCATION '"
                + TestData.uri(TestData.data("iris.csv"))
                + "' OPTIONS (header 'true')");
      }
    }
  }

  @AfterAll
  void stop() {
    for (AutoCloseable closeable : Arrays.asList(onLake, local, lake)) {
      if (closeable != null) {
        try {
          closeable.close();
        } catch (Exception ignored) {
          // Keep closing the rest.
        }
      }
    }
  }

  private RunningGateway gateway(String where) {
    return where.equals("lake") ? onLake : local;
  }

  private String warehouse(String where) {
    return where.equals("lake") ? lakeWarehouse : work.resolve("warehouse").toUri().toString();
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "lake"})
  void predictionsWrittenWithCtasReadBackEqual(String where) throws SQLException {
    RunningGateway gateway = gateway(where);
    assertEquals(150, update(gateway, "CREATE TABLE iris_scored AS " + IRIS_PREDICT));
    assertEquals(rows(gateway, IRIS_PREDICT), rows(gateway, "SELECT * FROM iris_scored"));
    assertEquals(
        List.of(
            "iris_scored|default|MANAGED|PARQUET|"
                + warehouse(where).replaceAll("/$", "")
                + "/default/iris_scored"),
        rows(gateway, "SHOW TABLES").stream().filter(r -> r.startsWith("iris_scored")).toList());
  }

  /**
   * Models registered from the lake (an .onnx file and an MLflow folder) and a managed table, all under a
   * warehouse on the lake; a second gateway started on the same warehouse (a restart: nothing is shared
   * but the lake) sees the tables and the models, and they score as before.
   */
  @Test
  void tablesAndModelsOnALakeWarehouseSurviveARestart() throws Exception {
    var hadoop = onLake.spark().sparkContext().hadoopConfiguration();
    String models = TestLake.uri(Azurite.DEV_ACCOUNT, "warehouse", "incoming");
    lake.upload(hadoop, TestData.model("skl2onnx_rf_iris.onnx"), models + "/rf_iris.onnx");
    Path mlflow = Files.createDirectories(work.resolve("iris_mlflow"));
    Files.writeString(
        mlflow.resolve("MLmodel"),
        String.join(
            "\n",
            "artifact_path: model",
            "flavors:",
            "  onnx:",
            "    data: model.onnx",
            "    onnx_version: 1.14.1",
            "mlflow_version: 2.9.2",
            ""));
    lake.upload(
        hadoop, TestData.model("skl2onnx_rf_iris.onnx"), models + "/iris_mlflow/model.onnx");
    lake.upload(hadoop, mlflow.resolve("MLmodel"), models + "/iris_mlflow/MLmodel");
    String scoring = IRIS_PREDICT.replace("'iris_rf'", "'%s'");
    List<String> expected = rows(onLake, IRIS_PREDICT);
    update(onLake, "CREATE MODEL iris_from_lake FROM '" + models + "/rf_iris.onnx'");
    update(onLake, "CREATE MODEL iris_mlflow_from_lake FROM '" + models + "/iris_mlflow/'");
    assertEquals(
        150, update(onLake, "CREATE TABLE iris_kept AS " + scoring.formatted("iris_from_lake")));
    try (RunningGateway restarted =
        RunningGateway.start(RunningGateway.config(work, lake.storage(), lakeWarehouse, false))) {
      List<String> tables =
          rows(restarted, "SHOW TABLES").stream().map(r -> r.substring(0, r.indexOf('|'))).toList();
      assertTrue(tables.containsAll(List.of("iris", "iris_kept")), tables.toString());
      List<String> registered =
          rows(restarted, "SHOW MODELS").stream().map(r -> r.substring(0, r.indexOf('|'))).toList();
      assertTrue(
          registered.containsAll(List.of("iris_rf", "iris_from_lake", "iris_mlflow_from_lake")),
          registered.toString());
      assertEquals(expected, rows(restarted, "SELECT * FROM iris_kept"));
      assertEquals(expected, rows(restarted, scoring.formatted("iris_from_lake")));
      assertEquals(expected, rows(restarted, scoring.formatted("iris_mlflow_from_lake")));
    }
  }

  /**
   * Statement.cancel during a CTAS to the lake: the write's Spark job is seen running (Spark's status
   * tracker) before the cancel, and it is far too large (150^4 rows) to finish before the cancel lands.
   * The statement fails as cancelled, and neither a table nor a data folder is left.
   */
  @Test
  void aCancelledCtasOnTheLakeLeavesNoTableAndNoFiles() throws Exception {
    String sql =
        "CREATE TABLE iris_cancelled AS SELECT a.Sepal_Length, b.Sepal_Width, c.Petal_Length,"
            + " d.Petal_Width FROM iris a, iris b, iris c, iris d";
    SparkStatusTracker tracker = onLake.spark().sparkContext().statusTracker();
    try (Connection connection = onLake.connect();
        Statement statement = connection.createStatement()) {
      CompletableFuture<SQLException> outcome =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  statement.executeLargeUpdate(sql);
                  return null;
                } catch (SQLException e) {
                  return e;
                }
              });
      while (tracker.getActiveJobIds().length == 0 && !outcome.isDone()) {
        Thread.sleep(20);
      }
      assertFalse(outcome.isDone(), "the write was still running when cancelled");
      statement.cancel();
      SQLException error = outcome.get(5, TimeUnit.MINUTES);
      assertTrue(error != null && error.getMessage().contains("cancelled"), String.valueOf(error));
    }
    assertFalse(
        rows(onLake, "SHOW TABLES").stream().anyMatch(r -> r.startsWith("iris_cancelled|")));
    assertEquals(List.of(), dataFolders(onLake, lakeWarehouse + "/default/iris_cancelled"));
    assertEquals(
        List.of("150"), rows(onLake, "SELECT COUNT(*) FROM iris"), "the gateway keeps serving");
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "lake"})
  void predictionsWrittenAsJsonReadBackEqual(String where) throws Exception {
    RunningGateway gateway = gateway(where);
    assertEquals(
        150, update(gateway, "CREATE TABLE iris_scored_json STORED AS JSON AS " + IRIS_PREDICT));
    assertEquals(rows(gateway, IRIS_PREDICT), rows(gateway, "SELECT * FROM iris_scored_json"));
    assertTrue(
        rows(gateway, "SHOW TABLES")
            .contains(
                "iris_scored_json|default|MANAGED|JSON|"
                    + warehouse(where).replaceAll("/$", "")
                    + "/default/iris_scored_json"));
    String folder = dataFolders(gateway, warehouse(where) + "/default/iris_scored_json").get(0);
    FileStatus[] files =
        fileSystem(gateway, folder).listStatus(new org.apache.hadoop.fs.Path(URI.create(folder)));
    assertTrue(
        Arrays.stream(files).map(f -> f.getPath().getName()).anyMatch(n -> n.endsWith(".json")),
        Arrays.toString(files));
    assertEquals(
        50,
        update(
            gateway, "INSERT INTO iris_scored_json " + IRIS_PREDICT + " WHERE Species = 'setosa'"));
    assertEquals(
        List.of("setosa|100", "versicolor|50", "virginica|50"),
        rows(gateway, "SELECT Species, COUNT(*) FROM iris_scored_json GROUP BY Species"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "lake"})
  void insertsAppendAndAFailedInsertLeavesTheTableAsItWas(String where) throws Exception {
    RunningGateway gateway = gateway(where);
    update(
        gateway,
        "CREATE TABLE iris_log STORED AS CSV OPTIONS (header 'true') AS "
            + "SELECT Species, Sepal_Length FROM iris WHERE Species = 'setosa'");
    assertEquals(List.of("50"), rows(gateway, "SELECT COUNT(*) FROM iris_log"));
    assertEquals(
        50,
        update(
            gateway,
            "INSERT INTO iris_log SELECT Species, Sepal_Length FROM iris"
                + " WHERE Species = 'virginica'"));
    assertEquals(
        100,
        update(
            gateway,
            "INSERT INTO iris_log SELECT Species, Sepal_Length FROM iris"
                + " WHERE Species <> 'setosa'"));
    List<String> before = rows(gateway, "SELECT Species, COUNT(*) FROM iris_log GROUP BY Species");
    assertEquals(List.of("setosa|50", "versicolor|50", "virginica|100"), before);
    // The late rows fail under ANSI casts ('virginica' is no number) after earlier ones were
    // written.
    SQLException failed =
        assertThrows(
            SQLException.class,
            () ->
                update(
                    gateway,
                    "INSERT INTO iris_log SELECT Species, CASE WHEN Species = 'virginica' THEN CAST(Species AS DOUBLE)"
                        + " ELSE Sepal_Length END FROM iris"));
    assertTrue(failed.getMessage().contains("virginica"), failed.getMessage());
    assertEquals(before, rows(gateway, "SELECT Species, COUNT(*) FROM iris_log GROUP BY Species"));
    assertEquals(
        3,
        dataFolders(gateway, warehouse(where) + "/default/iris_log").size(),
        "the failed write's folder is gone");
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "lake"})
  void partitionedCtasWritesOneFolderPerValue(String where) throws Exception {
    RunningGateway gateway = gateway(where);
    assertEquals(
        150,
        update(
            gateway,
            "CREATE TABLE iris_by_species PARTITIONED BY (Species) AS "
                + "SELECT Species, Sepal_Length, Petal_Length FROM iris"));
    assertEquals(
        List.of("setosa|50", "versicolor|50", "virginica|50"),
        rows(gateway, "SELECT Species, COUNT(*) FROM iris_by_species GROUP BY Species"));
    assertEquals(
        rows(gateway, "SELECT Species, Sepal_Length, Petal_Length FROM iris"),
        rows(gateway, "SELECT Species, Sepal_Length, Petal_Length FROM iris_by_species"));
    List<String> folder = dataFolders(gateway, warehouse(where) + "/default/iris_by_species");
    assertEquals(1, folder.size());
    List<String> partitions = subfolders(gateway, folder.get(0));
    assertEquals(List.of("Species=setosa", "Species=versicolor", "Species=virginica"), partitions);
    assertEquals(
        50,
        update(
            gateway,
            "INSERT INTO iris_by_species SELECT Species, Sepal_Length, Petal_Length"
                + " FROM iris WHERE Species = 'setosa'"));
    assertEquals(
        List.of("setosa|100", "versicolor|50", "virginica|50"),
        rows(gateway, "SELECT Species, COUNT(*) FROM iris_by_species GROUP BY Species"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "lake"})
  void aFailedCtasLeavesNoTableAndNoFiles(String where) throws Exception {
    RunningGateway gateway = gateway(where);
    assertThrows(
        SQLException.class,
        () ->
            update(
                gateway,
                "CREATE TABLE iris_broken AS SELECT Species,"
                    + " CASE WHEN Species = 'virginica' THEN CAST(Species AS DOUBLE) ELSE Sepal_Length END AS x FROM iris"));
    assertFalse(rows(gateway, "SHOW TABLES").stream().anyMatch(r -> r.startsWith("iris_broken|")));
    assertEquals(List.of(), dataFolders(gateway, warehouse(where) + "/default/iris_broken"));
    // The name is free: a CTAS that works creates it.
    assertEquals(150, update(gateway, "CREATE TABLE iris_broken AS SELECT Species FROM iris"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "lake"})
  void dropTableRemovesAManagedTablesData(String where) throws Exception {
    RunningGateway gateway = gateway(where);
    update(gateway, "CREATE TABLE iris_dropped AS SELECT * FROM iris");
    String location = warehouse(where) + "/default/iris_dropped";
    assertEquals(1, dataFolders(gateway, location).size());
    update(gateway, "DROP TABLE iris_dropped");
    FileSystem fs = fileSystem(gateway, location);
    assertFalse(fs.exists(new org.apache.hadoop.fs.Path(URI.create(location))), location);
  }

  /**
   * A table made with CREATE TABLE (columns), partitioned on two levels, filled by two INSERTs, then one
   * partition overwritten: the other partitions keep their rows, and the replaced leaf folder is gone
   * from every older data folder (on the lake too, where folder listings have Azurite's quirk).
   */
  @ParameterizedTest
  @ValueSource(strings = {"local", "lake"})
  void overwritingOnePartitionOfTwoLevels(String where) throws Exception {
    RunningGateway gateway = gateway(where);
    update(
        gateway,
        "CREATE TABLE iris_batches (sepal DOUBLE NOT NULL, species VARCHAR(20), batch INTEGER)"
            + " PARTITIONED BY (species, batch)");
    assertEquals(List.of(), rows(gateway, "SELECT * FROM iris_batches"));
    assertEquals(
        150,
        update(
            gateway,
            "INSERT INTO iris_batches (species, sepal, batch) SELECT Species, Sepal_Length, 1"
                + " FROM iris"));
    assertEquals(
        50,
        update(
            gateway,
            "INSERT INTO iris_batches SELECT Sepal_Length, Species, 2 FROM iris"
                + " WHERE Species = 'setosa'"));
    assertEquals(
        1,
        update(
            gateway,
            "INSERT OVERWRITE TABLE iris_batches PARTITION (species = 'setosa', batch = 1)"
                + " VALUES (0.5)"));
    assertEquals(
        List.of("setosa|1|1", "setosa|2|50", "versicolor|1|50", "virginica|1|50"),
        rows(gateway, "SELECT species, batch, COUNT(*) FROM iris_batches GROUP BY species, batch"));
    assertEquals(
        List.of("0.5"),
        rows(
            gateway, "SELECT sepal FROM iris_batches WHERE batch = 1" + " AND species = 'setosa'"));
    String location = warehouse(where) + "/default/iris_batches";
    int setosaBatchOne = 0;
    for (String folder : dataFolders(gateway, location)) {
      if (subfolders(gateway, folder + "/species=setosa").contains("batch=1")) {
        setosaBatchOne++;
      }
    }
    assertEquals(1, setosaBatchOne, "only the overwrite's folder holds species=setosa/batch=1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"local"})
  void writesAreRefusedWithClearErrors(String where) throws SQLException {
    RunningGateway gateway = gateway(where);
    SQLException external =
        assertThrows(
            SQLException.class, () -> update(gateway, "INSERT INTO iris SELECT * FROM iris"));
    assertTrue(external.getMessage().contains("is external"), external.getMessage());
    update(gateway, "CREATE TABLE two_columns AS SELECT Species, Sepal_Length FROM iris");
    SQLException arity =
        assertThrows(
            SQLException.class,
            () -> update(gateway, "INSERT INTO two_columns SELECT Species FROM iris"));
    assertTrue(
        arity.getMessage().contains("has 2 columns but the query gives 1"), arity.getMessage());
    SQLException exists =
        assertThrows(
            SQLException.class,
            () -> update(gateway, "CREATE TABLE two_columns AS SELECT Species FROM iris"));
    assertTrue(exists.getMessage().contains("already exists"), exists.getMessage());
    SQLException partition =
        assertThrows(
            SQLException.class,
            () ->
                update(
                    gateway,
                    "CREATE TABLE bad_partition PARTITIONED BY (nope) AS SELECT Species FROM iris"));
    assertTrue(partition.getMessage().contains("'nope'"), partition.getMessage());
  }

  private static List<String> dataFolders(RunningGateway gateway, String location)
      throws IOException {
    return subfolders(gateway, location).stream()
        .filter(n -> n.startsWith("data-"))
        .map(n -> location + "/" + n)
        .toList();
  }

  /** Names of the folders directly in {@code location}, sorted and without repeats; none if it is absent. */
  private static List<String> subfolders(RunningGateway gateway, String location)
      throws IOException {
    FileSystem fs = fileSystem(gateway, location);
    FileStatus[] statuses;
    try {
      statuses = fs.listStatus(new org.apache.hadoop.fs.Path(URI.create(location)));
    } catch (FileNotFoundException e) {
      return List.of();
    }
    return Arrays.stream(statuses)
        .filter(FileStatus::isDirectory)
        .map(s -> s.getPath().getName())
        .distinct()
        .sorted()
        .toList();
  }

  private static FileSystem fileSystem(RunningGateway gateway, String location) throws IOException {
    return FileSystem.get(
        URI.create(location), gateway.spark().sparkContext().hadoopConfiguration());
  }

  private static long update(RunningGateway gateway, String sql) throws SQLException {
    try (Connection connection = gateway.connect();
        Statement statement = connection.createStatement()) {
      return statement.executeLargeUpdate(sql);
    }
  }

  /** The result as sorted "a|b|c" lines. */
  private static List<String> rows(RunningGateway gateway, String sql) throws SQLException {
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
