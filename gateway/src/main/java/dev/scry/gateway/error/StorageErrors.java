package dev.scry.gateway.error;

import dev.scry.engine.storage.StorageFailure;
import dev.scry.planner.ErrorCode;
import java.io.FileNotFoundException;
import java.nio.file.AccessDeniedException;
import java.util.Optional;

/**
 * Storage faults (SQLSTATE 58030): the lake's in {@link StorageFailure}'s words (location, account,
 * container, cause), a local file's as Hadoop's file system gives it.
 */
final class StorageErrors {
  private StorageErrors() {}

  /** A lake fault anywhere in {@code error}'s chain. */
  static Optional<ClientError> lake(Throwable error) {
    return StorageFailure.find(error)
        .map(failure -> new ClientError(ErrorCode.STORAGE, failure.message()));
  }

  /** A local file or folder that is missing or not readable; Hadoop's message names it. */
  static Optional<ClientError> localFile(Throwable t) {
    if (t instanceof FileNotFoundException || t instanceof AccessDeniedException) {
      return Optional.of(
          new ClientError(
              ErrorCode.STORAGE,
              "Cannot read a file the statement needs ("
                  + t.getMessage()
                  + "); check that it exists and that the gateway may read it"));
    }
    return Optional.empty();
  }
}
