package dev.scry.planner.phase;

import dev.scry.planner.ColumnOrigin;
import dev.scry.planner.ErrorCode;
import dev.scry.planner.QueryPlan;
import dev.scry.planner.ScryException;
import dev.scry.planner.catalog.CatalogSnapshot;
import dev.scry.planner.operator.PredictConvertlets;
import dev.scry.planner.operator.PredictFunction;
import dev.scry.planner.operator.PredictOperators;
import dev.scry.planner.operator.ScalarPredictFunction;
import dev.scry.planner.operator.ScrySparkOperators;
import dev.scry.planner.operator.ScryTypeSystem;
import dev.scry.planner.operator.SparkEvaluatesConstants;
import dev.scry.planner.parser.ScryParser;
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
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.sql2rel.SqlToRelConverter;

/**
 * Plans one query against one catalog snapshot by running its {@link QueryPipeline} with a fresh
 * {@link QueryContext}. Names resolve case-insensitively, first in the session's schema, then as
 * {@code schema.table}.
 */
public final class QueryPlanner {
  /** Views may read views; deeper than this, one almost certainly reads itself. */
  private static final int MAX_VIEW_DEPTH = 16;

  private final CalciteSchema root;
  private final String defaultSchema;
  private final PredictFunction predict;
  private final QueryPipeline pipeline;
  private final JavaTypeFactoryImpl typeFactory = new JavaTypeFactoryImpl(ScryTypeSystem.INSTANCE);

  /** {@code predict} is the session's PREDICT, the one the validator resolves and the pipeline binds. */
  public QueryPlanner(
      CatalogSnapshot snapshot,
      String defaultSchema,
      PredictFunction predict,
      QueryPipeline pipeline) {
    this.root = SnapshotSchema.rootOf(Objects.requireNonNull(snapshot, "snapshot"));
    this.defaultSchema = Objects.requireNonNull(defaultSchema, "defaultSchema");
    this.predict = Objects.requireNonNull(predict, "predict");
    this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
  }

  public QueryPlan plan(String sql, SqlNode query) {
    QueryContext context = context();
    QueryState planned = pipeline.run(QueryState.parsed(query), context);
    SqlNode validated = planned.validatedOrFail();
    RelRoot root = planned.root();
    return new QueryPlan(
        sql,
        root.project(),
        root.validatedRowType,
        context.validator().getParameterRowType(validated),
        origins(context.validator(), validated, root.validatedRowType.getFieldCount()));
  }

  public QueryPipeline pipeline() {
    return pipeline;
  }

  /** A fresh context for one query: its validator, cluster and converter; Spark, not Calcite, computes constants. */
  public QueryContext context() {
    HepPlanner clusterPlanner = new HepPlanner(HepProgram.builder().build());
    clusterPlanner.setExecutor(SparkEvaluatesConstants.INSTANCE);
    RelOptCluster cluster = RelOptCluster.create(clusterPlanner, new RexBuilder(typeFactory));
    return context(List.of(defaultSchema), cluster, 0);
  }

  /**
   * A context resolving unqualified names in {@code schemaPath}, on {@code cluster}: the query's own, or
   * a view's ({@code viewDepth} views deep), whose plan then joins the query's on the same cluster.
   */
  private QueryContext context(List<String> schemaPath, RelOptCluster cluster, int viewDepth) {
    CalciteCatalogReader catalogReader = catalogReader(schemaPath);
    SqlValidator validator = validator(catalogReader);
    SqlToRelConverter converter =
        new SqlToRelConverter(
            (rowType, queryString, viewSchemaPath, viewPath) ->
                expandView(queryString, viewSchemaPath, viewPath, cluster, viewDepth),
            validator,
            catalogReader,
            cluster,
            new PredictConvertlets(),
            SqlToRelConverter.config().withTrimUnusedFields(true).withExpand(false));
    return new QueryContext(
        catalogReader, validator, cluster, converter, () -> validator(catalogReader));
  }

  /**
   * A view's SQL as a plan: the same phases as a query up to its conversion (so a T-SQL PREDICT, the
   * scalar PREDICT and Spark's typing work in views too), in the schema the view was made in. What fails
   * there (a table or model dropped since) is reported as the view's error.
   */
  private RelRoot expandView(
      String sql,
      List<String> schemaPath,
      List<String> viewPath,
      RelOptCluster cluster,
      int depth) {
    String view = String.join(".", viewPath);
    if (depth >= MAX_VIEW_DEPTH) {
      throw new ScryException(
          ErrorCode.TOO_COMPLEX,
          "View '"
              + view
              + "' is nested more than "
              + MAX_VIEW_DEPTH
              + " views deep; does it read itself through other views?");
    }
    try {
      SqlNode parsed = ScryParser.parse(sql);
      QueryContext viewContext = context(schemaPath, cluster, depth + 1);
      return pipeline.upTo("to-rel").run(QueryState.parsed(parsed), viewContext).root();
    } catch (SqlParseException | RuntimeException e) {
      throw ViewErrors.of(view, e);
    }
  }

  /**
   * Which table column each result column reads. Calcite answers from the validated tree; where it
   * cannot (a shape it does not trace), the columns are reported without an origin, which JDBC allows.
   */
  private static List<ColumnOrigin> origins(
      SqlValidator validator, SqlNode validated, int columns) {
    List<List<String>> origins;
    try {
      origins = validator.getFieldOrigins(validated);
    } catch (RuntimeException e) {
      origins = null;
    }
    List<ColumnOrigin> result = new ArrayList<>();
    for (int i = 0; i < columns; i++) {
      result.add(
          origins == null || i >= origins.size()
              ? ColumnOrigin.NONE
              : ColumnOrigin.of(origins.get(i)));
    }
    return result;
  }

  /** The type a column declaration names, e.g. {@code DECIMAL(12, 2)}. */
  public RelDataType deriveType(SqlDataTypeSpec spec, boolean nullable) {
    return spec.deriveType(validator(catalogReader()), nullable);
  }

  private CalciteCatalogReader catalogReader() {
    return catalogReader(List.of(defaultSchema));
  }

  private CalciteCatalogReader catalogReader(List<String> schemaPath) {
    Properties properties = new Properties();
    properties.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "false");
    CalciteConnectionConfig config = new CalciteConnectionConfigImpl(properties);
    return new CalciteCatalogReader(root, schemaPath, typeFactory, config);
  }

  private SqlValidator validator(CalciteCatalogReader catalogReader) {
    SqlOperatorTable operators =
        SqlOperatorTables.chain(
            ScrySparkOperators.table(SqlStdOperatorTable.instance()),
            new PredictOperators(predict, new ScalarPredictFunction(predict)),
            catalogReader);
    return SqlValidatorUtil.newValidator(
        operators,
        catalogReader,
        typeFactory,
        SqlValidator.Config.DEFAULT
            .withIdentifierExpansion(true)
            // Spark sorts NULLs first in ascending order and last in descending order.
            .withDefaultNullCollation(NullCollation.LOW)
            .withConformance(SqlConformanceEnum.DEFAULT));
  }
}
