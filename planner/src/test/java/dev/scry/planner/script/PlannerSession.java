package dev.scry.planner.script;

import dev.scry.planner.CommandPlan;
import dev.scry.planner.CommandResult;
import dev.scry.planner.PlannedStatement;
import dev.scry.planner.QueryPlan;
import dev.scry.planner.ScryPlanner;
import dev.scry.planner.SessionState;
import dev.scry.planner.catalog.Catalog;
import dev.scry.planner.catalog.LocationPolicy;
import dev.scry.planner.catalog.ModelRegistry;
import dev.scry.planner.ddl.CommandExecutor;
import dev.scry.planner.ddl.LakeAccess;
import dev.scry.planner.phase.QueryPlanner;
import dev.scry.planner.spi.FileStore;
import dev.scry.planner.spi.SchemaInferrer;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.parser.SqlParseException;

/**
 * One connection's worth of planner, wired as the gateway wires it (catalog, model registry, planner,
 * command executor over one {@link FileStore}) but with no engine: commands run (DDL, SET, SHOW,
 * DESCRIBE, EXPLAIN), queries are only planned. EXPLAIN therefore prints exactly the gateway's text.
 */
public final class PlannerSession {
  private final ScryPlanner planner;
  private final CommandExecutor commands;
  private final SessionState session = SessionState.withDefaultSchema();

  private PlannerSession(ScryPlanner planner, CommandExecutor commands) {
    this.planner = planner;
    this.commands = commands;
  }

  /** A session over a catalog kept under {@code warehouseUri}; SQL may name locations under {@code roots}. */
  public static PlannerSession open(
      FileStore files, SchemaInferrer inferrer, String warehouseUri, List<String> roots) {
    Objects.requireNonNull(files, "files");
    Catalog catalog = Catalog.open(files, warehouseUri);
    LocationPolicy locations = new LocationPolicy(roots);
    ModelRegistry models = new ModelRegistry(catalog, files, warehouseUri, locations);
    ScryPlanner planner = new ScryPlanner(catalog, models, files);
    // No engine: CREATE TABLE AS and INSERT are refused, as they need one.
    CommandExecutor commands =
        new CommandExecutor(catalog, models, planner, new LakeAccess(files, locations, inferrer));
    return new PlannerSession(planner, commands);
  }

  /** Runs a statement that is not a query; a query is refused, since nothing here can run it. */
  public CommandResult execute(String sql) throws SqlParseException {
    PlannedStatement planned = planner.plan(sql, session);
    if (planned instanceof CommandPlan command) {
      return commands.execute(command, session);
    }
    throw new UnsupportedOperationException(
        "Planner scripts plan queries but do not run them: check a query"
            + " with !plan, !type or !predict, not !ok");
  }

  /** The session's query planner, to run its phases one by one. */
  public QueryPlanner queryPlanner() {
    return planner.queryPlanner(session);
  }

  /** Plans a query as the gateway would before running it. */
  public QueryPlan plan(String sql) throws SqlParseException {
    PlannedStatement planned = planner.plan(sql, session);
    if (planned instanceof QueryPlan query) {
      return query;
    }
    throw new IllegalArgumentException("Not a query: " + sql);
  }
}
