package dev.scry.gateway.cache;

import java.util.Objects;

/**
 * A query's result key and whether a result computed now may be kept under it (see {@link
 * InputStability}): a cached result under the key is always served, a fresh one only kept when its
 * inputs have settled.
 */
record ResultLookup(ResultKey key, boolean storable) {
  ResultLookup {
    Objects.requireNonNull(key, "key");
  }
}
