package dev.scry.planner.ddl;

import dev.scry.planner.ErrorCode;
import dev.scry.planner.ScryException;
import dev.scry.planner.SessionState;
import dev.scry.planner.catalog.CatalogSnapshot;
import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;

/** A table name resolved against the session's schema, the schema spelt as the catalog spells it. */
record QualifiedName(String schema, String table) {
  static QualifiedName of(
      SqlIdentifier identifier, SessionState session, CatalogSnapshot snapshot) {
    List<String> names = identifier.names;
    if (names.size() > 2) {
      throw new ScryException("Table names have at most two parts (schema.table): " + identifier);
    }
    String schema = names.size() == 2 ? names.get(0) : session.schema();
    String resolved =
        snapshot
            .schema(schema)
            .map(CatalogSnapshot.SchemaEntry::name)
            .orElseThrow(
                () ->
                    new ScryException(
                        ErrorCode.SCHEMA_NOT_FOUND, "Schema '" + schema + "' does not exist"));
    return new QualifiedName(resolved, names.get(names.size() - 1));
  }

  @Override
  public String toString() {
    return schema + "." + table;
  }
}
