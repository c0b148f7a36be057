package dev.scry.planner;

import dev.scry.planner.catalog.Catalog;
import dev.scry.planner.catalog.CatalogSnapshot;
import dev.scry.planner.catalog.ModelRegistry;
import dev.scry.planner.ddl.Commands;
import dev.scry.planner.operator.PredictFunction;
import dev.scry.planner.parser.EmptyStatements;
import dev.scry.planner.parser.ScryParser;
import dev.scry.planner.phase.QueryPipeline;
import dev.scry.planner.phase.QueryPlanner;
import dev.scry.planner.predict.BatchSizePolicy;
import dev.scry.planner.scan.LakeScanSpecs;
import dev.scry.planner.spi.FileStore;
import java.util.Objects;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;

/**
 * The front door of the planner: parses one statement and turns a query into an optimized
 * {@link QueryPlan}, and anything else into a {@link CommandPlan} (its result columns as {@link Commands}
 * registers them) to be run by the {@link dev.scry.planner.ddl.CommandExecutor}.
 */
public final class ScryPlanner {
  private final Catalog catalog;
  private final ModelRegistry models;
  private final LakeScanSpecs scans;

  /** {@code files} lists partition folders while planning (pruning happens in the planner). */
  public ScryPlanner(Catalog catalog, ModelRegistry models, FileStore files) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.models = Objects.requireNonNull(models, "models");
    this.scans = new LakeScanSpecs(Objects.requireNonNull(files, "files"));
  }

  public PlannedStatement plan(String sql, SessionState session) throws SqlParseException {
    if (EmptyStatements.isEmpty(sql)) {
      throw new ScryException(
          ErrorCode.SYNTAX,
          "The statement is empty: it holds no SQL, only white space or" + " comments");
    }
    SqlNode node = parse(sql);
    if (node.isA(SqlKind.QUERY)) {
      return queryPlanner(session).plan(sql, node);
    }
    return new CommandPlan(sql, node, Commands.columns(node));
  }

  /** A planner for queries against the catalog as it is now, for one session. */
  public QueryPlanner queryPlanner(SessionState session) {
    CatalogSnapshot snapshot = catalog.snapshot();
    String schema =
        snapshot
            .schema(session.schema())
            .map(CatalogSnapshot.SchemaEntry::name)
            .orElse(CatalogSnapshot.DEFAULT_SCHEMA);
    PredictFunction predict =
        new PredictFunction(
            models.forStatement(snapshot), new BatchSizePolicy(session.predictBatchSize()));
    return new QueryPlanner(snapshot, schema, predict, QueryPipeline.standard(predict, scans));
  }

  static SqlNode parse(String sql) throws SqlParseException {
    return ScryParser.parse(sql);
  }
}
