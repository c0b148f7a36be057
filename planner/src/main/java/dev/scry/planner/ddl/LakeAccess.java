package dev.scry.planner.ddl;

import dev.scry.planner.catalog.LocationPolicy;
import dev.scry.planner.spi.FileStore;
import dev.scry.planner.spi.SchemaInferrer;
import java.util.Objects;

/**
 * How the commands reach the lake: its files (listed, read, deleted), the locations SQL may name, and a
 * table's columns learned from its files.
 */
public record LakeAccess(FileStore files, LocationPolicy locations, SchemaInferrer schemaInferrer) {
  public LakeAccess {
    Objects.requireNonNull(files, "files");
    Objects.requireNonNull(locations, "locations");
    Objects.requireNonNull(schemaInferrer, "schemaInferrer");
  }
}
