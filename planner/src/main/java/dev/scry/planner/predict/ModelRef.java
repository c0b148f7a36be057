package dev.scry.planner.predict;

import java.io.Serializable;
import java.util.Objects;

/**
 * One registered model version, as the engine needs it to score: where its bytes are stored in the
 * registry (a URI every executor can read) and their SHA-256, which keys the per-executor session cache.
 */
public record ModelRef(String name, int version, String location, String sha256)
    implements Serializable {
  public ModelRef {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(sha256, "sha256");
  }

  /** {@code name:version}, the way SQL names a version. */
  public String qualifiedName() {
    return name + ":" + version;
  }
}
