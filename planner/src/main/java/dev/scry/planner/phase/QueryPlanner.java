package dev.scry.planner.phase;

import dev.scry.planner.ColumnOrigin;
import dev.scry.planner.QueryPlan;
import dev.scry.planner.catalog.CatalogSnapshot;
import dev.scry.planner.operator.PredictConvertlets;
import dev.scry.planner.operator.PredictFunction;
import dev.scry.planner.operator.PredictOperators;
import dev.scry.planner.operator.ScalarPredictFunction;
import dev.scry.planner.operator.ScrySparkOperators;
import dev.scry.planner.operator.ScryTypeSystem;
import dev.scry.planner.operator.SparkEvaluatesConstants;
import dev.scry.planner.scan.LakeScanPushdown;
import dev.scry.planner.sqlrewrite.PredictCallCheck;
import dev.scry.planner.sqlrewrite.PredictStarRewriter;
import dev.scry.planner.sqlrewrite.QueryShapeCheck;
import dev.scry.planner.sqlrewrite.SparkSemanticsRewriter;
import dev.scry.planner.sqlrewrite.TsqlPredictRewriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.config.NullCollation;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.sql2rel.SqlToRelConverter;

/**
 * Validates, converts and optimizes one query against one catalog snapshot. Names resolve
 * case-insensitively, first in the session's schema, then as {@code schema.table}.
 */
public final class QueryPlanner {
  private final CalciteSchema root;
  private final String defaultSchema;
  private final PredictFunction predict;
  private final LakeScanPushdown pushdown;
  private final JavaTypeFactoryImpl typeFactory = new JavaTypeFactoryImpl(ScryTypeSystem.INSTANCE);

  public QueryPlanner(CatalogSnapshot snapshot, String defaultSchema, PredictFunction predict,
      LakeScanPushdown pushdown) {
    this.root = SnapshotSchema.rootOf(Objects.requireNonNull(snapshot, "snapshot"));
    this.defaultSchema = Objects.requireNonNull(defaultSchema, "defaultSchema");
    this.predict = Objects.requireNonNull(predict, "predict");
    this.pushdown = Objects.requireNonNull(pushdown, "pushdown");
  }

  public QueryPlan plan(String sql, SqlNode query) {
    CalciteCatalogReader catalogReader = catalogReader();
    SqlValidator validator = validator(catalogReader);
    QueryShapeCheck.check(query);
    PredictCallCheck.check(query);
    SqlNode lowered = TsqlPredictRewriter.rewrite(query, tsqlContext(catalogReader), predict, typeFactory);
    SqlNode rewritten = lowered.accept(new PredictStarRewriter()).accept(new SparkSemanticsRewriter());
    SqlNode validated = ParameterTypes.validate(validator, rewritten,
        () -> JdbcEscapeErrors.validate(rewritten, () -> validator.validate(rewritten)));
    HepPlanner clusterPlanner = new HepPlanner(HepProgram.builder().build());
    clusterPlanner.setExecutor(SparkEvaluatesConstants.INSTANCE); // Spark, not Calcite, computes constants
    RelOptCluster cluster = RelOptCluster.create(clusterPlanner, new RexBuilder(typeFactory));
    SqlToRelConverter converter = new SqlToRelConverter(
        (rowType, queryString, schemaPath, viewPath) -> {
          throw new UnsupportedOperationException("Views are not supported");
        },
        validator, catalogReader, cluster, new PredictConvertlets(),
        SqlToRelConverter.config().withTrimUnusedFields(true).withExpand(false));
    RelRoot root = converter.convertQuery(validated, false, true);
    RelNode rel = SubQueryRemover.remove(root.rel.accept(new SparkInSubQueryValues()),
        RelFactories.LOGICAL_BUILDER.create(cluster, catalogReader));
    rel = converter.trimUnusedFields(true, rel);
    rel = rel.accept(new PredictRewriter(predict));
    rel = rel.accept(new ScalarPredictRewriter(new ScalarPredictFunction(predict)));
    // Again, now that PREDICT is a PredictRel: it keeps only the DATA fields and outputs the query reads.
    rel = new PredictFieldTrimmer(RelFactories.LOGICAL_BUILDER.create(cluster, catalogReader)).trim(rel);
    rel = QueryOptimizer.optimize(rel);
    // Last: the scans get what they read (columns, filters, partition folders), after every rewrite.
    RelNode projected = pushdown.apply(root.withRel(rel).project());
    return new QueryPlan(sql, projected, root.validatedRowType, validator.getParameterRowType(validated),
        origins(validator, validated, root.validatedRowType.getFieldCount()));
  }

  /**
   * Which table column each result column reads. Calcite answers from the validated tree; where it
   * cannot (a shape it does not trace), the columns are reported without an origin, which JDBC allows.
   */
  private static List<ColumnOrigin> origins(SqlValidator validator, SqlNode validated, int columns) {
    List<List<String>> origins;
    try {
      origins = validator.getFieldOrigins(validated);
    } catch (RuntimeException e) {
      origins = null;
    }
    List<ColumnOrigin> result = new ArrayList<>();
    for (int i = 0; i < columns; i++) {
      result.add(origins == null || i >= origins.size() ? ColumnOrigin.NONE : ColumnOrigin.of(origins.get(i)));
    }
    return result;
  }

  /** The type a column declaration names, e.g. {@code DECIMAL(12, 2)}. */
  public RelDataType deriveType(SqlDataTypeSpec spec, boolean nullable) {
    return spec.deriveType(validator(catalogReader()), nullable);
  }

  /** For the T-SQL PREDICT: its DATA, validated on its own as SELECT * FROM data, and WITH types. */
  private TsqlPredictRewriter.Context tsqlContext(CalciteCatalogReader catalogReader) {
    return new TsqlPredictRewriter.Context() {
      @Override
      public RelDataType dataRowType(SqlNode data) {
        SqlNode from = data instanceof org.apache.calcite.sql.SqlIdentifier ? data
            : org.apache.calcite.sql.fun.SqlStdOperatorTable.AS.createCall(data.getParserPosition(), data,
                new org.apache.calcite.sql.SqlIdentifier("$scry_data", data.getParserPosition()));
        org.apache.calcite.sql.SqlSelect select = new org.apache.calcite.sql.SqlSelect(data.getParserPosition(),
            null, org.apache.calcite.sql.SqlNodeList.of(org.apache.calcite.sql.SqlIdentifier.star(data.getParserPosition())),
            from, null, null, null, null, null, null, null, null, null);
        SqlValidator dataValidator = validator(catalogReader);
        return dataValidator.getValidatedNodeType(dataValidator.validate(select.accept(new PredictStarRewriter())));
      }

      @Override
      public RelDataType typeOf(SqlDataTypeSpec spec) {
        return spec.deriveType(validator(catalogReader));
      }
    };
  }

  private CalciteCatalogReader catalogReader() {
    Properties properties = new Properties();
    properties.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "false");
    CalciteConnectionConfig config = new CalciteConnectionConfigImpl(properties);
    return new CalciteCatalogReader(root, List.of(defaultSchema), typeFactory, config);
  }

  private SqlValidator validator(CalciteCatalogReader catalogReader) {
    SqlOperatorTable operators = SqlOperatorTables.chain(
        ScrySparkOperators.table(SqlStdOperatorTable.instance()), new PredictOperators(predict, new ScalarPredictFunction(predict)), catalogReader);
    return SqlValidatorUtil.newValidator(operators, catalogReader, typeFactory,
        SqlValidator.Config.DEFAULT
            .withIdentifierExpansion(true)
            // Spark sorts NULLs first in ascending order and last in descending order.
            .withDefaultNullCollation(NullCollation.LOW)
            .withConformance(SqlConformanceEnum.DEFAULT));
  }
}
