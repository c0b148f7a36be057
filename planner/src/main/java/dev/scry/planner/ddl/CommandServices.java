package dev.scry.planner.ddl;

import dev.scry.planner.ScryPlanner;
import dev.scry.planner.catalog.Catalog;
import dev.scry.planner.catalog.LocationPolicy;
import dev.scry.planner.catalog.ModelRegistry;
import dev.scry.planner.spi.FileStore;
import dev.scry.planner.spi.InputMonitor;
import dev.scry.planner.spi.LogTables;
import dev.scry.planner.spi.QueryAnalyzer;
import dev.scry.planner.spi.SchemaInferrer;
import java.util.Objects;
import java.util.Optional;

/**
 * What the command handlers are made from; each kind's factory hands its handler only the parts it uses.
 * The engine's parts are empty where there is no engine (the planner's own tests): CREATE TABLE AS and
 * INSERT ({@code writes}), EXPLAIN ANALYZE ({@code analyzer}), a model's baseline ({@code monitor}) and
 * DESCRIBE HISTORY ({@code logTables}) are then refused, and EXPLAIN does not count a Delta scan's files.
 */
record CommandServices(
    Catalog catalog,
    ModelRegistry models,
    ScryPlanner planner,
    SchemaInferrer schemaInferrer,
    LocationPolicy locations,
    FileStore files,
    Optional<TableWrites> writes,
    Optional<QueryAnalyzer> analyzer,
    Optional<InputMonitor> monitor,
    Optional<LogTables> logTables) {
  CommandServices {
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(models, "models");
    Objects.requireNonNull(planner, "planner");
    Objects.requireNonNull(schemaInferrer, "schemaInferrer");
    Objects.requireNonNull(locations, "locations");
    Objects.requireNonNull(files, "files");
    Objects.requireNonNull(writes, "writes");
    Objects.requireNonNull(analyzer, "analyzer");
    Objects.requireNonNull(monitor, "monitor");
    Objects.requireNonNull(logTables, "logTables");
  }

  /** The services of a planner over {@code lake}, with the engine's parts when there is one. */
  static CommandServices of(
      Catalog catalog,
      ModelRegistry models,
      ScryPlanner planner,
      LakeAccess lake,
      Optional<CommandEngine> engine) {
    return new CommandServices(
        catalog,
        models,
        planner,
        lake.schemaInferrer(),
        lake.locations(),
        lake.files(),
        engine.map(e -> new TableWrites(catalog, planner, e.writer(), e.logTables(), lake.files())),
        engine.map(CommandEngine::analyzer),
        engine.map(CommandEngine::monitor),
        engine.map(CommandEngine::logTables));
  }
}
