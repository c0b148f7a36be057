package dev.scry.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.scry.engine.TestSpark;
import dev.scry.planner.catalog.ColumnDefinition;
import dev.scry.planner.catalog.ColumnType;
import dev.scry.planner.catalog.TableDefinition;
import dev.scry.planner.catalog.TableFormat;
import dev.scry.testing.TestData;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkSchemaInferrerTest {
  private final SparkSchemaInferrer inferrer = new SparkSchemaInferrer(TestSpark.session());

  @Test
  void rStyleCsvWithQuotedHeader() {
    String iris = TestData.data("iris.csv").toUri().toString();
    TableDefinition table =
        new TableDefinition(
            "lake",
            "iris",
            TableFormat.CSV,
            iris,
            Map.of("header", "true"),
            List.of(),
            List.of(),
            true);
    assertEquals(
        List.of(
            new ColumnDefinition("_index_", ColumnType.of("INTEGER"), true),
            new ColumnDefinition("Sepal_Length", ColumnType.of("DOUBLE"), true),
            new ColumnDefinition("Sepal_Width", ColumnType.of("DOUBLE"), true),
            new ColumnDefinition("Petal_Length", ColumnType.of("DOUBLE"), true),
            new ColumnDefinition("Petal_Width", ColumnType.of("DOUBLE"), true),
            new ColumnDefinition("Species", ColumnType.of("VARCHAR"), true)),
        inferrer.inferColumns(table));
  }

  @Test
  void csvWithoutInferenceReadsText() {
    String iris = TestData.data("iris.csv").toUri().toString();
    TableDefinition table =
        new TableDefinition(
            "lake",
            "iris",
            TableFormat.CSV,
            iris,
            Map.of("header", "true", "inferSchema", "false"),
            List.of(),
            List.of(),
            true);
    assertEquals(ColumnType.of("VARCHAR"), inferrer.inferColumns(table).get(1).type());
  }

  @Test
  void parquetSchema(@TempDir Path folder) {
    String location = folder.resolve("p").toUri().toString();
    TestSpark.session()
        .sql("SELECT CAST(1 AS BIGINT) AS Id, CAST(2.5 AS DECIMAL(5,2)) AS Price, array(1.0D) AS v")
        .write()
        .parquet(location);
    TableDefinition table =
        new TableDefinition(
            "lake", "p", TableFormat.PARQUET, location, Map.of(), List.of(), List.of(), true);
    assertEquals(
        List.of(
            new ColumnDefinition("Id", ColumnType.of("BIGINT"), true),
            new ColumnDefinition("Price", new ColumnType("DECIMAL", 5, 2, null), true),
            new ColumnDefinition("v", ColumnType.arrayOf(ColumnType.of("DOUBLE")), true)),
        inferrer.inferColumns(table));
  }
}
