package dev.scry.engine;

import dev.scry.engine.translate.FileScanReader;
import dev.scry.planner.catalog.ColumnDefinition;
import dev.scry.planner.catalog.LakeTable;
import dev.scry.planner.catalog.TableDefinition;
import dev.scry.planner.catalog.TableFormat;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.tools.Frameworks;
import org.apache.calcite.tools.Planner;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The runner's tests' fixture: one table of Parquet files that Spark wrote, in a Calcite schema of its
 * own, and a {@link QueryRunner} over it that refuses PREDICT. Queries are planned by Calcite's own
 * planner, so no Scry catalog is needed.
 */
final class QueryFixture {
  private final SchemaPlus root;
  private final QueryRunner runner;

  private QueryFixture(SchemaPlus root, QueryRunner runner) {
    this.root = root;
    this.runner = runner;
  }

  /** Writes {@code data} (one file per partition) under {@code folder} as table {@code name}. */
  static QueryFixture write(SparkSession spark, Path folder, String name, Dataset<Row> data) {
    String location = folder.resolve(name).toUri().toString();
    data.write().parquet(location);
    List<ColumnDefinition> columns =
        Arrays.stream(data.schema().fields()).map(SparkTypes::toColumn).toList();
    SchemaPlus root = Frameworks.createRootSchema(true);
    root.add(
        name,
        new LakeTable(
            new TableDefinition(
                "s", name, TableFormat.PARQUET, location, Map.of(), columns, List.of(), true)));
    QueryRunner runner =
        new QueryRunner(
            spark,
            new FileScanReader(spark),
            (input, spec) -> {
              throw new AssertionError("no PREDICT in these plans");
            });
    return new QueryFixture(root, runner);
  }

  QueryRunner runner() {
    return runner;
  }

  /** The query's plan as Calcite converts it, with names as written (case-insensitive). */
  RelNode plan(String sql) throws Exception {
    Planner planner =
        Frameworks.getPlanner(
            Frameworks.newConfigBuilder()
                .parserConfig(
                    SqlParser.config()
                        .withCaseSensitive(false)
                        .withUnquotedCasing(Casing.UNCHANGED))
                .defaultSchema(root)
                .build());
    return planner.rel(planner.validate(planner.parse(sql))).project();
  }
}
