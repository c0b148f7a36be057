package dev.scry.gateway.cache;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * A query's result key and whether a result computed now may be kept under it: a cached result under
 * the key is always served; a fresh one is kept only when its inputs have settled ({@link
 * InputStability}) and, when it ends, the engine still keeps the relations whose listing the key holds
 * ({@code stillCurrent}: then the query read exactly those files).
 */
record ResultLookup(ResultKey key, boolean storable, BooleanSupplier stillCurrent) {
  ResultLookup {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(stillCurrent, "stillCurrent");
  }
}
