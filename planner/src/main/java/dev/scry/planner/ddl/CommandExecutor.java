package dev.scry.planner.ddl;

import dev.scry.planner.CommandPlan;
import dev.scry.planner.CommandResult;
import dev.scry.planner.ErrorCode;
import dev.scry.planner.ScryException;
import dev.scry.planner.ScryPlanner;
import dev.scry.planner.SessionState;
import dev.scry.planner.catalog.Catalog;
import dev.scry.planner.catalog.LocationPolicy;
import dev.scry.planner.catalog.ModelRegistry;
import dev.scry.planner.spi.FileStore;
import dev.scry.planner.spi.InputMonitor;
import dev.scry.planner.spi.LogFileCounter;
import dev.scry.planner.spi.LogTables;
import dev.scry.planner.spi.QueryAnalyzer;
import dev.scry.planner.spi.SchemaInferrer;
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

  public CommandExecutor(
      Catalog catalog,
      ModelRegistry models,
      ScryPlanner planner,
      SchemaInferrer schemaInferrer,
      LocationPolicy locations,
      FileStore files) {
    this(catalog, models, planner, schemaInferrer, locations, files, null);
  }

  /** @param writes CTAS and INSERT INTO; null refuses them */
  public CommandExecutor(
      Catalog catalog,
      ModelRegistry models,
      ScryPlanner planner,
      SchemaInferrer schemaInferrer,
      LocationPolicy locations,
      FileStore files,
      TableWrites writes) {
    this(catalog, models, planner, schemaInferrer, locations, files, writes, null, null);
  }

  /**
   * @param writes CTAS and INSERT INTO; null refuses them
   * @param analyzer runs EXPLAIN ANALYZE's query; null refuses it
   * @param monitor profiles models' baselines and what PREDICT scores; null refuses baselines
   */
  public CommandExecutor(
      Catalog catalog,
      ModelRegistry models,
      ScryPlanner planner,
      SchemaInferrer schemaInferrer,
      LocationPolicy locations,
      FileStore files,
      TableWrites writes,
      QueryAnalyzer analyzer,
      InputMonitor monitor) {
    this(
        catalog,
        models,
        planner,
        schemaInferrer,
        locations,
        files,
        writes,
        analyzer,
        monitor,
        null,
        LogFileCounter.NONE);
  }

  /**
   * @param writes CTAS and INSERT INTO; null refuses them
   * @param analyzer runs EXPLAIN ANALYZE's query; null refuses it
   * @param monitor profiles models' baselines and what PREDICT scores; null refuses baselines
   * @param logTables reads Delta tables' histories (DESCRIBE HISTORY); null refuses it
   * @param logFiles counts the files a Delta scan reads, for EXPLAIN
   */
  public CommandExecutor(
      Catalog catalog,
      ModelRegistry models,
      ScryPlanner planner,
      SchemaInferrer schemaInferrer,
      LocationPolicy locations,
      FileStore files,
      TableWrites writes,
      QueryAnalyzer analyzer,
      InputMonitor monitor,
      LogTables logTables,
      LogFileCounter logFiles) {
    CommandServices services =
        new CommandServices(
            catalog,
            models,
            planner,
            schemaInferrer,
            locations,
            files,
            Optional.ofNullable(writes),
            Optional.ofNullable(analyzer),
            Optional.ofNullable(monitor),
            Optional.ofNullable(logTables),
            logFiles);
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
