package dev.scry.planner.spi;

import dev.scry.planner.QueryPlan;
import dev.scry.planner.catalog.TableDefinition;
import java.util.List;

/**
 * Tables whose transaction log, not the catalog, says which files hold their rows (Delta Lake): the
 * engine writes a query's rows as data files and adds them to the log in one commit, so a write that
 * fails or is killed before that commit adds nothing, and readers see the table before or after it.
 */
public interface LogTables {
  /**
   * Creates the table at its location from the query's rows: the log's first version holds its schema,
   * partition columns and data files.
   *
   * @return the number of rows written
   */
  long create(QueryPlan query, TableDefinition table);

  /**
   * Appends the query's rows (every table column, in order) as the log's next version.
   *
   * @return the number of rows written
   */
  long append(QueryPlan query, TableDefinition table);

  /** The table's commits that its log still holds, newest first. */
  List<TableCommit> history(TableDefinition table);
}
