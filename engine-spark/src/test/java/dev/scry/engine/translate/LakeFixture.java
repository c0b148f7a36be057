package dev.scry.engine.translate;

import dev.scry.engine.SparkTypes;
import dev.scry.engine.TestSpark;
import dev.scry.planner.catalog.ColumnDefinition;
import dev.scry.planner.catalog.LakeTable;
import dev.scry.planner.catalog.TableDefinition;
import dev.scry.planner.catalog.TableFormat;
import dev.scry.planner.operator.ScrySparkOperators;
import dev.scry.planner.operator.SparkEvaluatesConstants;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.tools.FrameworkConfig;
import org.apache.calcite.tools.Frameworks;
import org.apache.calcite.tools.Planner;
import org.apache.calcite.tools.RelBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Small tables written with Spark into a temporary folder, seen twice: by Calcite as {@link LakeTable}s
 * (to plan SQL) and by Spark SQL as temporary views over the same files (to compute the expected rows).
 */
final class LakeFixture {
  final SparkSession spark = TestSpark.session();
  final SchemaPlus root = Frameworks.createRootSchema(true);
  private final Path folder;

  LakeFixture(Path folder) {
    this.folder = folder;
  }

  /** Writes {@code select} (Spark SQL) as a table and registers it with Calcite and Spark SQL. */
  TableDefinition table(String name, TableFormat format, String select) {
    Dataset<Row> data = spark.sql(select);
    String location = folder.resolve(name).toUri().toString();
    Map<String, String> options = format == TableFormat.CSV ? Map.of("header", "true") : Map.of();
    data.write().format(format.sparkSource()).options(options).save(location);
    List<ColumnDefinition> columns =
        Arrays.stream(data.schema().fields()).map(SparkTypes::toColumn).toList();
    TableDefinition table =
        new TableDefinition("test", name, format, location, options, columns, List.of(), true);
    root.add(name, new LakeTable(table));
    new FileScanReader(spark).read(table).createOrReplaceTempView(name);
    return table;
  }

  FrameworkConfig config() {
    return Frameworks.newConfigBuilder()
        .parserConfig(
            SqlParser.config()
                .withCaseSensitive(false)
                .withUnquotedCasing(Casing.UNCHANGED)
                .withQuotedCasing(Casing.UNCHANGED))
        .defaultSchema(root)
        .operatorTable(ScrySparkOperators.table(SqlStdOperatorTable.instance()))
        .executor(SparkEvaluatesConstants.INSTANCE)
        .build();
  }

  /** Parses, validates and converts {@code sql}, then applies {@code rules} (if any) with a Hep planner. */
  RelNode plan(String sql, RelOptRule... rules) {
    Planner planner = Frameworks.getPlanner(config());
    try {
      SqlNode parsed = planner.parse(sql);
      SqlNode validated = planner.validate(ScrySparkOperators.rewrite(parsed));
      RelNode rel = planner.rel(validated).project();
      if (rules.length == 0) {
        return rel;
      }
      HepProgramBuilder program = new HepProgramBuilder();
      for (RelOptRule rule : rules) {
        program.addRuleInstance(rule);
      }
      HepPlanner hep = new HepPlanner(program.build());
      hep.setRoot(rel);
      return hep.findBestExp();
    } catch (Exception e) {
      throw new AssertionError("Cannot plan " + sql + ": " + e.getMessage(), e);
    } finally {
      planner.close();
    }
  }

  RelBuilder relBuilder() {
    return RelBuilder.create(config());
  }
}
