package dev.scry.engine.delta;

import dev.scry.planner.ErrorCode;
import dev.scry.planner.ScryException;
import dev.scry.planner.catalog.TableDefinition;

/**
 * Refuses the Delta features Scry's reader does not apply yet, so a table using them fails with a
 * sentence saying so instead of answering wrongly: deletion vectors (reading the files as they are
 * would return deleted rows) and column mapping (the files' column names differ from the table's).
 */
public final class DeltaReadCheck {
  private DeltaReadCheck() {}

  static void check(TableDefinition table, DeltaSnapshot snapshot) {
    check(table.qualifiedName(), snapshot);
  }

  static void check(String tableName, DeltaSnapshot snapshot) {
    checkColumns(tableName, snapshot);
    checkDeletionVectors(tableName, snapshot);
  }

  /** Column mapping is a property of the table: refused when the table is created, and on reads. */
  public static void checkColumns(String tableName, DeltaSnapshot snapshot) {
    if (snapshot.mapsColumns()) {
      throw new ScryException(
          ErrorCode.NOT_SUPPORTED,
          "Delta table "
              + tableName
              + " uses column mapping ("
              + DeltaSnapshot.COLUMN_MAPPING_MODE
              + " = '"
              + snapshot.properties().get(DeltaSnapshot.COLUMN_MAPPING_MODE)
              + "'), which Scry cannot read yet; read it from a copy written without column mapping");
    }
  }

  /** Deletion vectors come and go with commits (a purge removes them): checked on each read. */
  static void checkDeletionVectors(String tableName, DeltaSnapshot snapshot) {
    long withVectors = snapshot.filesWithDeletionVectors();
    if (withVectors > 0) {
      throw new ScryException(
          ErrorCode.NOT_SUPPORTED,
          "Delta table "
              + tableName
              + " has deletion vectors on "
              + withVectors
              + " of its files at version "
              + snapshot.version()
              + ", which Scry cannot apply yet; purge them in Spark (REORG TABLE … APPLY (PURGE))"
              + " and read it again");
    }
  }
}
