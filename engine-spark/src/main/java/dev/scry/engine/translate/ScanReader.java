package dev.scry.engine.translate;

import dev.scry.planner.catalog.TableDefinition;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Reads a catalog table into a Dataset whose columns are the table's columns, in the table's order.
 * Injected so that table formats can be added without touching the plan translation.
 */
public interface ScanReader {
  Dataset<Row> read(TableDefinition table);
}
