package dev.scry.planner.catalog;

import java.util.Objects;

/**
 * A column's SQL type as the catalog stores it: a Calcite {@code SqlTypeName} name ("DOUBLE",
 * "DECIMAL", "VARCHAR", "ARRAY" ...), precision and scale where they apply (-1 when not given), and
 * the element type of an ARRAY.
 */
public record ColumnType(String typeName, int precision, int scale, ColumnType element) {
  public ColumnType {
    Objects.requireNonNull(typeName, "typeName");
    if ("ARRAY".equals(typeName) && element == null) {
      throw new IllegalArgumentException("ARRAY needs an element type");
    }
  }

  public static ColumnType of(String typeName) {
    return new ColumnType(typeName, -1, -1, null);
  }

  public static ColumnType arrayOf(ColumnType element) {
    return new ColumnType("ARRAY", -1, -1, element);
  }

  /** SQL spelling: {@code DECIMAL(12, 2)}, {@code DOUBLE ARRAY}. */
  @Override
  public String toString() {
    if (element != null) {
      return element + " ARRAY";
    }
    if (precision >= 0 && scale >= 0) {
      return typeName + "(" + precision + ", " + scale + ")";
    }
    if (precision >= 0) {
      return typeName + "(" + precision + ")";
    }
    return typeName;
  }

  public boolean isArray() {
    return element != null;
  }
}
