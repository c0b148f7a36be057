package dev.scry.gateway.startup;

import dev.scry.engine.storage.StorageFailure;
import java.util.Optional;

/** Why the warehouse's catalog could not be opened, told as a start-up failure. */
public final class WarehouseFailure {
  private WarehouseFailure() {}

  public static StartupFailure of(String warehouseUri, Throwable error) {
    Optional<StorageFailure> storage = StorageFailure.find(error);
    if (storage.isPresent()) {
      StorageFailure failure = storage.get();
      if (failure.kind() == StorageFailure.Kind.CONTAINER_NOT_FOUND
          && failure.container().isPresent()) {
        return StartupFailure.of(
            "the warehouse container '"
                + failure.container().get()
                + "' does not exist in account '"
                + failure.account().orElse("?")
                + "'; create it, or point 'warehouse' at an existing container",
            error);
      }
      return StartupFailure.of(
          "the warehouse cannot be used: "
              + failure.message()
              + "; the gateway needs to read and write "
              + warehouseUri,
          error);
    }
    return StartupFailure.of(
        "the warehouse "
            + warehouseUri
            + " cannot be used ("
            + FailureLine.plain(error.getMessage())
            + "); make it a folder this user may read and write, or point 'warehouse' elsewhere",
        error);
  }
}
