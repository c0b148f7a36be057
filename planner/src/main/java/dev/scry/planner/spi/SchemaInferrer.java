package dev.scry.planner.spi;

import dev.scry.planner.catalog.ColumnDefinition;
import dev.scry.planner.catalog.TableDefinition;
import java.util.List;

/**
 * Learns a table's columns when CREATE EXTERNAL TABLE does not list them: from the files, or from the
 * table's own log for formats that have one (Delta).
 */
public interface SchemaInferrer {
  List<ColumnDefinition> inferColumns(TableDefinition table);

  /**
   * The partition columns the table's own metadata records (a Delta log's); for plain file formats,
   * which record none, those the statement declared.
   */
  default List<String> partitionColumns(TableDefinition table) {
    return table.partitionColumns();
  }
}
