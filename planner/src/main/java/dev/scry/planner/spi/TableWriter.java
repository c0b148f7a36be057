package dev.scry.planner.spi;

import dev.scry.planner.QueryPlan;
import dev.scry.planner.catalog.TableDefinition;
import java.util.List;

/**
 * Runs a query and writes its rows as a table's files. The engine implements it; the planner decides
 * where (a fresh folder nobody reads yet) and publishes the folder in the catalog afterwards.
 */
public interface TableWriter {
  /**
   * Writes the rows of {@code query} into {@code folderUri} in the table's format, options and
   * partitioning, the query's columns cast by position to the table's column types.
   *
   * @return the number of rows written
   */
  long write(QueryPlan query, List<Object> parameters, TableDefinition table, String folderUri);
}
