package dev.scry.gateway.flight;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.Text;

/**
 * Parameter values a client bound as an Arrow batch, one parameter set per row, as the Java values the
 * engine binds (the ones Avatica's {@code TypedValue.toLocal} gives): strings, numbers, booleans,
 * {@link Date} and {@link Timestamp}.
 */
final class ArrowParameters {
  private ArrowParameters() {}

  /** Each row of {@code root} as one parameter set. */
  static List<List<Object>> rows(VectorSchemaRoot root) {
    List<List<Object>> sets = new ArrayList<>(root.getRowCount());
    for (int r = 0; r < root.getRowCount(); r++) {
      List<Object> values = new ArrayList<>();
      for (FieldVector vector : root.getFieldVectors()) {
        values.add(value(vector, r));
      }
      sets.add(values);
    }
    return sets;
  }

  private static Object value(FieldVector vector, int index) {
    if (vector.isNull(index)) {
      return null;
    }
    if (vector instanceof DateDayVector days) {
      return Date.valueOf(LocalDate.ofEpochDay(days.get(index)));
    }
    if (vector instanceof DateMilliVector millis) {
      return Date.valueOf(millis.getObject(index).toLocalDate());
    }
    return local(vector.getObject(index));
  }

  private static Object local(Object value) {
    if (value instanceof Text text) {
      return text.toString();
    }
    if (value instanceof LocalDateTime time) {
      return Timestamp.valueOf(time);
    }
    if (value instanceof List<?> list) {
      List<Object> elements = new ArrayList<>(list.size());
      list.forEach(element -> elements.add(local(element)));
      return elements;
    }
    return value;
  }
}
