package dev.scry.engine;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Spark's row values as plain Java values for JDBC: numbers, strings and booleans as they are, DATE as
 * {@link Date}, TIMESTAMP as the {@link Timestamp} whose local fields are the session time zone's wall
 * clock (SQL's TIMESTAMP WITHOUT TIME ZONE), arrays as {@link List}.
 */
final class JavaValues {
  private final ZoneId sessionZone;

  JavaValues(ZoneId sessionZone) {
    this.sessionZone = sessionZone;
  }

  Object[] toJava(Row row) {
    Object[] values = new Object[row.length()];
    for (int i = 0; i < values.length; i++) {
      values[i] = toJava(row.get(i));
    }
    return values;
  }

  Object toJava(Object value) {
    // Most values are these, kept as they are. Checked first because they are class checks, which
    // are
    // cheap; the check against the interface Seq below is a scan of the value's interfaces that
    // showed as
    // the largest item of fetching a large result (docs/benchmarks.md, "P3: fetching a result").
    if (value == null
        || value instanceof String
        || value instanceof Number
        || value instanceof Boolean) {
      return value;
    }
    if (value instanceof scala.collection.Seq<?> seq) {
      List<Object> list = new ArrayList<>(seq.size());
      for (Object element : CollectionConverters.asJava(seq)) {
        list.add(toJava(element));
      }
      return list;
    }
    if (value instanceof Timestamp timestamp) {
      return Timestamp.valueOf(timestamp.toInstant().atZone(sessionZone).toLocalDateTime());
    }
    if (value instanceof Instant instant) {
      return Timestamp.valueOf(instant.atZone(sessionZone).toLocalDateTime());
    }
    if (value instanceof LocalDateTime dateTime) {
      return Timestamp.valueOf(dateTime);
    }
    if (value instanceof LocalDate date) {
      return Date.valueOf(date);
    }
    if (value instanceof Row) {
      throw new IllegalStateException("Struct values are not supported in results");
    }
    return value;
  }
}
