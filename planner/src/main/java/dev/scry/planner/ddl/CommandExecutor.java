package dev.scry.planner.ddl;

import dev.scry.planner.CommandPlan;
import dev.scry.planner.CommandResult;
import dev.scry.planner.ErrorCode;
import dev.scry.planner.ScryException;
import dev.scry.planner.ScryPlanner;
import dev.scry.planner.SessionState;
import dev.scry.planner.catalog.Catalog;
import dev.scry.planner.catalog.ModelRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.calcite.sql.SqlNode;

/**
 * Runs the statements that are not queries (DDL on the catalog and the model registry, SHOW, DESCRIBE,
 * SET and EXPLAIN) by handing each to the handler of its kind, as registered in {@link Commands}. Each
 * either completes or changes nothing.
 */
public final class CommandExecutor {
  private final Map<Class<?>, CommandHandler<SqlNode>> handlers;

  /**
   * Without an engine (the planner's own tests): CREATE TABLE AS, INSERT, EXPLAIN ANALYZE, models'
   * baselines and DESCRIBE HISTORY are refused, and EXPLAIN does not count a Delta scan's files.
   */
  public CommandExecutor(
      Catalog catalog, ModelRegistry models, ScryPlanner planner, LakeAccess lake) {
    this(CommandServices.of(catalog, models, planner, lake, Optional.empty()));
  }

  public CommandExecutor(
      Catalog catalog,
      ModelRegistry models,
      ScryPlanner planner,
      LakeAccess lake,
      CommandEngine engine) {
    this(CommandServices.of(catalog, models, planner, lake, Optional.of(engine)));
  }

  private CommandExecutor(CommandServices services) {
    // Made once: handlers hold no state of their own beyond the services.
    this.handlers =
        Commands.KINDS.stream()
            .collect(
                Collectors.toUnmodifiableMap(
                    StatementKind::statement, kind -> kind.handler(services)));
  }

  public CommandResult execute(CommandPlan plan, SessionState session) {
    SqlNode node = plan.node();
    StatementKind<?> kind =
        Commands.kindOf(node)
            .orElseThrow(
                () ->
                    new ScryException(
                        ErrorCode.NOT_SUPPORTED, "Statement not supported yet: " + node.getKind()));
    return handlers.get(kind.statement()).execute(node, plan, session);
  }
}
