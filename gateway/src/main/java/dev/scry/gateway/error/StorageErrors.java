package dev.scry.gateway.error;

import dev.scry.planner.ErrorCode;
import java.io.FileNotFoundException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.util.Optional;

/** Storage faults (the lake or a local folder) anywhere in a failure: SQLSTATE 58030. */
final class StorageErrors {
  private StorageErrors() {}

  static Optional<ClientError> describe(Throwable t) {
    String kind = t.getClass().getName();
    if (kind.startsWith("org.apache.hadoop.fs.azurebfs.contracts.exceptions.")
        || t instanceof ConnectException || t instanceof UnknownHostException || t instanceof SocketTimeoutException) {
      return Optional.of(new ClientError(ErrorCode.STORAGE, "The storage request failed: the account could not be"
          + " reached or refused the request"));
    }
    if (t instanceof FileNotFoundException || t instanceof AccessDeniedException) {
      return Optional.of(new ClientError(ErrorCode.STORAGE, "A file the statement needs could not be read"));
    }
    return Optional.empty();
  }
}
