package dev.scry.planner.testing;

import dev.scry.planner.ScryException;
import dev.scry.planner.catalog.ColumnDefinition;
import dev.scry.planner.catalog.TableDefinition;
import dev.scry.planner.spi.SchemaInferrer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link SchemaInferrer} that knows the columns of some locations beforehand, in place of Spark reading
 * the files: CREATE EXTERNAL TABLE without columns then takes the columns given for its location.
 */
public final class FixedSchemaInferrer implements SchemaInferrer {
  private final Map<String, List<ColumnDefinition>> columnsByLocation;

  public FixedSchemaInferrer(Map<String, List<ColumnDefinition>> columnsByLocation) {
    Map<String, List<ColumnDefinition>> byCanonical = new HashMap<>();
    columnsByLocation.forEach(
        (location, columns) ->
            byCanonical.put(InMemoryFileStore.canonical(location), List.copyOf(columns)));
    this.columnsByLocation = Map.copyOf(byCanonical);
  }

  @Override
  public List<ColumnDefinition> inferColumns(TableDefinition table) {
    List<ColumnDefinition> columns =
        columnsByLocation.get(InMemoryFileStore.canonical(table.location()));
    if (columns == null) {
      throw new ScryException("No columns to infer for " + table.location() + " in this fixture");
    }
    return columns;
  }
}
