package dev.scry.planner.phase;

import dev.scry.planner.catalog.CatalogSnapshot;
import dev.scry.planner.catalog.LakeTable;
import dev.scry.planner.system.SystemTables;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * Presents one catalog snapshot to Calcite: a root schema with one sub-schema per catalog schema, holding
 * its tables and its views, and the gateway's system schema {@code scry}.
 */
final class SnapshotSchema extends AbstractSchema {
  private final Map<String, Table> tables;

  private SnapshotSchema(CatalogSnapshot.SchemaEntry schema) {
    Map<String, Table> map = new LinkedHashMap<>();
    schema.tables().values().forEach(t -> map.put(t.name(), new LakeTable(t)));
    schema.views().values().forEach(v -> map.put(v.name(), new ScryViewTable(v)));
    this.tables = Map.copyOf(map);
  }

  @Override
  protected Map<String, Table> getTableMap() {
    return tables;
  }

  static CalciteSchema rootOf(CatalogSnapshot snapshot) {
    CalciteSchema root = CalciteSchema.createRootSchema(false, false);
    boolean systemNameTaken = false;
    for (CatalogSnapshot.SchemaEntry schema : snapshot.sortedSchemas()) {
      root.add(schema.name(), new SnapshotSchema(schema));
      systemNameTaken |= schema.name().equalsIgnoreCase(SystemTables.SCHEMA);
    }
    // A catalog schema of the same name (made before system tables existed) keeps its name.
    if (!systemNameTaken) {
      root.add(SystemTables.SCHEMA, SystemTables.schema());
    }
    return root;
  }
}
