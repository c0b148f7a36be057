package dev.scry.gateway.cache;

import java.util.Collection;
import java.util.Map;

/**
 * A rough size of a row on the heap, for the cache's byte bounds: object headers and references
 * counted flat, strings by their characters, arrays and lists by their elements. An estimate, meant to
 * keep the bound honest within a small factor, not to measure.
 */
final class RowSizes {
  private static final long REFERENCE = 8;
  private static final long BOXED = 24;

  private RowSizes() {}

  static long estimate(Object[] row) {
    long size = 16 + REFERENCE * row.length;
    for (Object value : row) {
      size += of(value);
    }
    return size;
  }

  private static long of(Object value) {
    if (value == null) {
      return 0;
    }
    if (value instanceof String text) {
      return 40 + 2L * text.length();
    }
    if (value instanceof byte[] bytes) {
      return 16 + bytes.length;
    }
    if (value instanceof Object[] array) {
      return estimate(array);
    }
    if (value instanceof Collection<?> items) {
      return estimate(items.toArray());
    }
    if (value instanceof Map<?, ?> map) {
      return estimate(map.keySet().toArray()) + estimate(map.values().toArray());
    }
    return BOXED;
  }
}
