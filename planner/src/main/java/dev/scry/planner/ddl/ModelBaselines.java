package dev.scry.planner.ddl;

import dev.scry.planner.ErrorCode;
import dev.scry.planner.QueryPlan;
import dev.scry.planner.ScryException;
import dev.scry.planner.ScryPlanner;
import dev.scry.planner.SessionState;
import dev.scry.planner.catalog.ModelRegistry;
import dev.scry.planner.catalog.ModelVersion;
import dev.scry.planner.drift.BaselineStore;
import dev.scry.planner.drift.DriftFeatures;
import dev.scry.planner.drift.FeatureColumn;
import dev.scry.planner.drift.ModelBaseline;
import dev.scry.planner.parser.ScryParser;
import dev.scry.planner.spi.InputMonitor;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;

/**
 * Records a model version's baseline (CREATE MODEL … WITH (baseline = '…')): plans the baseline, a
 * query or a table's name, has the engine profile each monitored input over its rows, stores the
 * profiles beside the version and tells the monitor, so that PREDICT compares against them from then.
 */
final class ModelBaselines {
  private final ScryPlanner planner;
  private final ModelRegistry models;
  private final BaselineStore store;
  private final InputMonitor monitor;

  ModelBaselines(
      ScryPlanner planner, ModelRegistry models, BaselineStore store, InputMonitor monitor) {
    this.planner = Objects.requireNonNull(planner, "planner");
    this.models = Objects.requireNonNull(models, "models");
    this.store = Objects.requireNonNull(store, "store");
    this.monitor = Objects.requireNonNull(monitor, "monitor");
  }

  ModelBaseline record(ModelVersion version, String baseline, SessionState session) {
    String sql = querySql(baseline);
    SqlNode query = parse(sql, baseline);
    QueryPlan plan = planner.queryPlanner(session).plan(sql, query);
    if (plan.parameterRowType().getFieldCount() > 0) {
      throw new ScryException(
          ErrorCode.NOT_SUPPORTED, "Parameters (?) are not supported in a model's baseline");
    }
    List<FeatureColumn> features =
        DriftFeatures.of(models.signature(version), plan.rowType(), version.name());
    ModelBaseline recorded = new ModelBaseline(baseline, monitor.profile(plan, features));
    store.write(version.location(), recorded);
    monitor.recorded(version, recorded);
    return recorded;
  }

  /** The baseline as a query: itself when it is one, else every row of the table it names. */
  private static String querySql(String baseline) {
    try {
      SqlNode node = ScryParser.parse(baseline);
      if (node.getKind().belongsTo(SqlKind.QUERY)) {
        return baseline;
      }
    } catch (SqlParseException e) {
      // Not a query: read as a table's name below.
    }
    return "SELECT * FROM " + baseline;
  }

  private static SqlNode parse(String sql, String baseline) {
    try {
      return ScryParser.parse(sql);
    } catch (SqlParseException e) {
      throw new ScryException(
          ErrorCode.SYNTAX,
          "The baseline '"
              + baseline
              + "' is neither a query nor a table's name: write SELECT … or a table name");
    }
  }
}
