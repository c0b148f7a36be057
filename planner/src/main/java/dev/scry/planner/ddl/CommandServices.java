package dev.scry.planner.ddl;

import dev.scry.planner.ScryPlanner;
import dev.scry.planner.catalog.Catalog;
import dev.scry.planner.catalog.LocationPolicy;
import dev.scry.planner.catalog.ModelRegistry;
import dev.scry.planner.spi.FileStore;
import dev.scry.planner.spi.InputMonitor;
import dev.scry.planner.spi.LogFileCounter;
import dev.scry.planner.spi.LogTables;
import dev.scry.planner.spi.QueryAnalyzer;
import dev.scry.planner.spi.SchemaInferrer;
import java.util.Objects;
import java.util.Optional;

/**
 * What the command handlers are made from; each kind's factory hands its handler only the parts it uses.
 * {@code writes} is empty where there is no engine (the planner's own tests), and CREATE TABLE AS and
 * INSERT are then refused; so is EXPLAIN ANALYZE where {@code analyzer} is empty, and a model's baseline
 * where {@code monitor} is, and DESCRIBE HISTORY where {@code logTables} is. {@code logFiles} counts
 * a Delta scan's files for EXPLAIN ({@link LogFileCounter#NONE} without an engine).
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
    Optional<LogTables> logTables,
    LogFileCounter logFiles) {
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
    Objects.requireNonNull(logFiles, "logFiles");
  }
}
