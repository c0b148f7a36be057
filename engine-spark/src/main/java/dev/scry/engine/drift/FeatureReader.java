package dev.scry.engine.drift;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * Reads one feature's value from a row as a double: field {@code field}, or element {@code element}
 * of the ARRAY in it. NULL, a missing element and anything not numeric read as NaN (counted missing).
 */
record FeatureReader(int field, int element) implements Serializable {
  double read(Row row) {
    if (row.isNullAt(field)) {
      return Double.NaN;
    }
    if (element < 0) {
      return number(row.get(field));
    }
    List<Object> values = row.getList(field);
    return element < values.size() ? number(values.get(element)) : Double.NaN;
  }

  private static double number(Object value) {
    return value instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  /** Every reader's value of {@code row}, in order. */
  static double[] readAll(FeatureReader[] readers, Row row) {
    double[] values = new double[readers.length];
    for (int i = 0; i < readers.length; i++) {
      values[i] = readers[i].read(row);
    }
    return values;
  }
}
