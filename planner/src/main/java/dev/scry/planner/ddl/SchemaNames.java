package dev.scry.planner.ddl;

import dev.scry.planner.ScryException;
import org.apache.calcite.sql.SqlIdentifier;

/** Schema names as statements give them. */
final class SchemaNames {
  private SchemaNames() {}

  /** A schema's name: one identifier (the grammar reads a compound one, as for tables). */
  static String of(SqlIdentifier identifier) {
    if (!identifier.isSimple()) {
      throw new ScryException(
          "Schema names have one part, not "
              + identifier
              + " (at "
              + identifier.getParserPosition()
              + ")");
    }
    return identifier.getSimple();
  }
}
