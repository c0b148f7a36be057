package dev.scry.gateway.flight;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;

/**
 * Writes engine rows (the values {@code RowSource} gives: numbers, strings, {@link Date}, wall-clock
 * {@link Timestamp}s, lists) into the vectors of an {@link ArrowTypes} schema, NULLs as nulls.
 */
final class ArrowRows {
  private static final LocalDateTime EPOCH = LocalDateTime.of(1970, 1, 1, 0, 0);

  private ArrowRows() {}

  /** Fills {@code root} with {@code rows}, replacing what it held. */
  static void write(VectorSchemaRoot root, List<Object[]> rows) {
    root.allocateNew();
    List<FieldVector> vectors = root.getFieldVectors();
    for (int r = 0; r < rows.size(); r++) {
      Object[] row = rows.get(r);
      for (int c = 0; c < vectors.size(); c++) {
        set(vectors.get(c), r, row[c]);
      }
    }
    root.setRowCount(rows.size());
  }

  /** Sets one cell; the vector grows as needed. */
  static void set(FieldVector vector, int index, Object value) {
    if (value == null) {
      if (!(vector instanceof NullVector)) {
        setNull(vector, index);
      }
      return;
    }
    if (vector instanceof BitVector v) {
      v.setSafe(index, ((Boolean) value) ? 1 : 0);
    } else if (vector instanceof TinyIntVector v) {
      v.setSafe(index, ((Number) value).byteValue());
    } else if (vector instanceof SmallIntVector v) {
      v.setSafe(index, ((Number) value).shortValue());
    } else if (vector instanceof IntVector v) {
      v.setSafe(index, ((Number) value).intValue());
    } else if (vector instanceof BigIntVector v) {
      v.setSafe(index, ((Number) value).longValue());
    } else if (vector instanceof Float4Vector v) {
      v.setSafe(index, ((Number) value).floatValue());
    } else if (vector instanceof Float8Vector v) {
      v.setSafe(index, ((Number) value).doubleValue());
    } else if (vector instanceof DecimalVector v) {
      v.setSafe(index, decimal(value, v.getScale()));
    } else if (vector instanceof DateDayVector v) {
      v.setSafe(index, epochDay(value));
    } else if (vector instanceof TimeStampMicroVector v) {
      v.setSafe(index, epochMicros(value));
    } else if (vector instanceof VarBinaryVector v) {
      v.setSafe(index, (byte[]) value);
    } else if (vector instanceof VarCharVector v) {
      v.setSafe(index, value.toString().getBytes(StandardCharsets.UTF_8));
    } else if (vector instanceof ListVector v) {
      setList(v, index, (List<?>) value);
    } else {
      throw new IllegalStateException("No Arrow writer for " + vector.getField().getType());
    }
  }

  private static void setList(ListVector vector, int index, List<?> elements) {
    int start = vector.startNewValue(index);
    FieldVector data = vector.getDataVector();
    for (int i = 0; i < elements.size(); i++) {
      set(data, start + i, elements.get(i));
    }
    vector.endValue(index, elements.size());
  }

  private static void setNull(FieldVector vector, int index) {
    // setNull does not grow a vector; filling in order, the index is at most one past its capacity.
    while (index >= vector.getValueCapacity()) {
      vector.reAlloc();
    }
    vector.setNull(index);
  }

  private static BigDecimal decimal(Object value, int scale) {
    BigDecimal decimal = value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
    return decimal.setScale(scale, RoundingMode.HALF_UP);
  }

  private static int epochDay(Object value) {
    LocalDate date = value instanceof Date d ? d.toLocalDate() : (LocalDate) value;
    return (int) date.toEpochDay();
  }

  /** A wall-clock timestamp (SQL's TIMESTAMP WITHOUT TIME ZONE) as microseconds from the epoch's wall clock. */
  private static long epochMicros(Object value) {
    LocalDateTime time =
        value instanceof Timestamp ts ? ts.toLocalDateTime() : (LocalDateTime) value;
    return ChronoUnit.MICROS.between(EPOCH, time);
  }
}
