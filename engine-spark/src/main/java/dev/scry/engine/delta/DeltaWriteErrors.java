package dev.scry.engine.delta;

import dev.scry.engine.storage.StorageFailure;
import dev.scry.planner.ErrorCode;
import dev.scry.planner.ScryException;
import dev.scry.planner.catalog.TableDefinition;
import io.delta.kernel.exceptions.CommitStateUnknownException;
import io.delta.kernel.exceptions.ConcurrentWriteException;
import io.delta.kernel.exceptions.KernelException;
import io.delta.kernel.exceptions.MaxCommitRetryLimitReachedException;
import io.delta.kernel.exceptions.TableAlreadyExistsException;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.exceptions.UnsupportedProtocolVersionException;
import io.delta.kernel.exceptions.UnsupportedTableFeatureException;
import java.nio.file.FileAlreadyExistsException;

/**
 * Delta Kernel's failures of a write told as one sentence with a SQLSTATE: a table already there
 * (42710), a commit lost to a concurrent writer (40001: run it again), a table feature Kernel cannot
 * write (0A000), a storage fault (58030, {@link StorageFailure}); Kernel's own sentence otherwise.
 */
final class DeltaWriteErrors {
  private DeltaWriteErrors() {}

  /** True when the commit may have happened: the written files must then stay. */
  static boolean commitMayExist(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof CommitStateUnknownException) {
        return true;
      }
    }
    return false;
  }

  static RuntimeException of(TableDefinition table, Throwable error) {
    if (error instanceof ScryException scry) {
      return scry;
    }
    String name = table.qualifiedName();
    String location = table.location();
    if (error instanceof CommitStateUnknownException) {
      return new ScryException(
          ErrorCode.STORAGE,
          "Whether the write to Delta table "
              + name
              + " was committed is unknown (the storage did not answer the commit); DESCRIBE HISTORY "
              + name
              + " shows whether its version is there",
          error);
    }
    if (error instanceof TableAlreadyExistsException) {
      return new ScryException(
          ErrorCode.ALREADY_EXISTS,
          "'"
              + location
              + "' already holds a Delta table: register it with CREATE EXTERNAL TABLE "
              + name
              + " STORED AS DELTA LOCATION '"
              + location
              + "', or write the new table elsewhere",
          error);
    }
    if (error instanceof ConcurrentWriteException
        || error instanceof MaxCommitRetryLimitReachedException
        || error instanceof FileAlreadyExistsException) {
      return new ScryException(
          ErrorCode.SERIALIZATION_FAILURE,
          "The write to Delta table "
              + name
              + " conflicts with a commit another writer made to its log meanwhile; nothing was"
              + " committed: run the statement again",
          error);
    }
    if (error instanceof UnsupportedTableFeatureException
        || error instanceof UnsupportedProtocolVersionException) {
      return new ScryException(
          ErrorCode.NOT_SUPPORTED,
          "Scry cannot write Delta table " + name + ": " + error.getMessage(),
          error);
    }
    if (error instanceof TableNotFoundException) {
      return new ScryException(
          ErrorCode.SEMANTIC,
          "'" + location + "' holds no Delta table (no _delta_log folder) to write " + name + " to",
          error);
    }
    if (error instanceof KernelException) {
      return new ScryException(
          ErrorCode.SEMANTIC, "Delta table " + name + ": " + error.getMessage(), error);
    }
    return StorageFailure.find(error, location)
        .<RuntimeException>map(
            failure -> new ScryException(ErrorCode.STORAGE, failure.message(), error))
        .orElseGet(
            () ->
                error instanceof RuntimeException runtime
                    ? runtime
                    : new ScryException(
                        ErrorCode.STORAGE,
                        "Writing Delta table " + name + " failed; see the gateway log",
                        error));
  }
}
