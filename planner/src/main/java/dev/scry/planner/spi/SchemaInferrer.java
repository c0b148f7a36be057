package dev.scry.planner.spi;

import dev.scry.planner.catalog.ColumnDefinition;
import dev.scry.planner.catalog.TableDefinition;
import java.util.List;

/** Reads a table's files to learn its columns when CREATE EXTERNAL TABLE does not list them. */
public interface SchemaInferrer {
  List<ColumnDefinition> inferColumns(TableDefinition table);
}
