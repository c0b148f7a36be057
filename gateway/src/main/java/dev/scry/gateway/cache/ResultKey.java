package dev.scry.gateway.cache;

import java.util.Objects;

/** What a cached result was computed from, as a SHA-256 of its parts (see {@link ResultKeys}). */
public record ResultKey(String sha256) {
  public ResultKey {
    Objects.requireNonNull(sha256, "sha256");
  }
}
