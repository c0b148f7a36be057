package dev.scry.engine.delta;

import dev.scry.planner.ErrorCode;
import dev.scry.planner.ScryException;
import dev.scry.planner.catalog.TableDefinition;

/**
 * Refuses the Delta features Scry's reader does not apply, so a table using them fails with a
 * sentence saying so instead of answering wrongly: column mapping (the files' column names differ from
 * the table's), and deletion vectors deleting more rows in one read than the reader applies (each
 * deleted row's position goes into the read's plan).
 */
public final class DeltaReadCheck {
  /** The most rows deleted by deletion vectors that one read applies. */
  static final long MAX_DELETED_ROWS = 100_000;

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
    long deleted = snapshot.files().stream().mapToLong(DeltaFile::deletedRowCount).sum();
    if (deleted > MAX_DELETED_ROWS) {
      throw new ScryException(
          ErrorCode.NOT_SUPPORTED,
          "Delta table "
              + tableName
              + " has "
              + deleted
              + " rows deleted by deletion vectors on "
              + snapshot.filesWithDeletionVectors()
              + " of the files read at version "
              + snapshot.version()
              + ", more than the "
              + MAX_DELETED_ROWS
              + " Scry applies in one read; purge them in Spark (REORG TABLE … APPLY (PURGE)) or"
              + " filter on the partitions that hold them");
    }
  }
}
