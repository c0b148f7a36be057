package dev.scry.gateway.slt;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** How sqllogictest orders a result before comparing it: as returned, by row, or by value. */
enum SltSort {
  NOSORT,
  ROWSORT,
  VALUESORT;

  static SltSort of(String word) {
    return switch (word) {
      case "nosort" -> NOSORT;
      case "rowsort" -> ROWSORT;
      case "valuesort" -> VALUESORT;
      default -> throw new IllegalArgumentException("Unknown sort mode: " + word);
    };
  }

  /** The rendered rows as one list of values, ordered as this mode says (strings, compared bytewise). */
  List<String> apply(List<List<String>> rows) {
    List<List<String>> ordered = new ArrayList<>(rows);
    if (this == ROWSORT) {
      ordered.sort(SltSort::compareRows);
    }
    List<String> values = new ArrayList<>();
    ordered.forEach(values::addAll);
    if (this == VALUESORT) {
      values.sort(Comparator.naturalOrder());
    }
    return values;
  }

  private static int compareRows(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }
}
