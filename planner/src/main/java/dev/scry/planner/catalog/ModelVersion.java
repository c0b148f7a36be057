package dev.scry.planner.catalog;

import dev.scry.planner.predict.ModelRef;
import java.time.Instant;
import java.util.Objects;

/**
 * One registered version of a model: where its bytes were copied from, where the registry keeps them,
 * their checksum, and the options given at registration ({@code batchSize} 0 means the default).
 */
public record ModelVersion(
    String name,
    int version,
    String sourceUri,
    String location,
    String sha256,
    int batchSize,
    String description,
    Instant createdAt) {
  public ModelVersion {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sourceUri, "sourceUri");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(createdAt, "createdAt");
    description = description == null ? "" : description;
  }

  public ModelRef ref() {
    return new ModelRef(name, version, location, sha256);
  }
}
