package dev.scry.gateway.server;

import java.util.List;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.proto.Common;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * Writes an Avatica result {@link Meta.Frame} as the protobuf {@code Frame} message, by hand.
 *
 * <p>Avatica's own {@code Frame.toProto} builds a {@code ColumnValue} and a {@code TypedValue}
 * builder per value and writes every value twice: in {@code scalar_value} and again in the
 * deprecated repeated {@code value} kept for clients older than Avatica 1.5. Its readers since 1.5
 * look at {@code scalar_value} / {@code has_array_value} + {@code array_value} only (a column is
 * "new style" when either is present), so this writer emits each value once, straight into one
 * buffer. Values are encoded exactly as Avatica's {@code TypedValue.toProto} encodes them: the common
 * types (null, numbers, strings, booleans) here, every other type (decimal, date/time, binary,
 * nested arrays, …) through {@code TypedValue.toProto} itself, so they decode the same.
 */
final class FrameEncoder {
  private static final int REP_NULL = Common.Rep.NULL.getNumber();
  private static final int REP_BOOLEAN = Common.Rep.BOOLEAN.getNumber();
  private static final int REP_BYTE = Common.Rep.BYTE.getNumber();
  private static final int REP_SHORT = Common.Rep.SHORT.getNumber();
  private static final int REP_INTEGER = Common.Rep.INTEGER.getNumber();
  private static final int REP_LONG = Common.Rep.LONG.getNumber();
  private static final int REP_FLOAT = Common.Rep.FLOAT.getNumber();
  private static final int REP_DOUBLE = Common.Rep.DOUBLE.getNumber();
  private static final int REP_STRING = Common.Rep.STRING.getNumber();

  private FrameEncoder() {}

  /** Writes {@code frame} as a {@code Frame} message in {@code field} of the message open in {@code out}. */
  static void write(ProtoBuffer out, int field, Meta.Frame frame) {
    int frameMark = out.beginMessage(field);
    if (frame.offset != 0) {
      out.writeVarintField(Common.Frame.OFFSET_FIELD_NUMBER, frame.offset);
    }
    if (frame.done) {
      out.writeBoolField(Common.Frame.DONE_FIELD_NUMBER, true);
    }
    for (Object row : frame.rows) {
      if (row == null) {
        continue; // Avatica's writer skips null rows too.
      }
      int rowMark = out.beginMessage(Common.Frame.ROWS_FIELD_NUMBER);
      if (row instanceof Object[] values) {
        for (Object value : values) {
          writeColumn(out, value);
        }
      } else if (row instanceof Iterable<?> values) {
        for (Object value : values) {
          writeColumn(out, value);
        }
      } else {
        throw new IllegalArgumentException(
            "A result row must be an array or a list, not " + row.getClass());
      }
      out.endMessage(rowMark);
    }
    out.endMessage(frameMark);
  }

  /** One {@code ColumnValue} of a {@code Row}: an array column as a list, anything else as a scalar. */
  private static void writeColumn(ProtoBuffer out, Object value) {
    int columnMark = out.beginMessage(Common.Row.VALUE_FIELD_NUMBER);
    // Numbers and strings, most values, are told by class checks first: a check against the
    // interface List is a scan of the value's interfaces, and it was the largest item of encoding a
    // frame (docs/benchmarks.md, "P3: fetching a result").
    if (value == null || value instanceof Number || value instanceof String) {
      writeTypedValue(out, Common.ColumnValue.SCALAR_VALUE_FIELD_NUMBER, value);
    } else if (value instanceof List<?> elements) {
      for (Object element : elements) {
        writeTypedValue(out, Common.ColumnValue.ARRAY_VALUE_FIELD_NUMBER, element);
      }
      out.writeBoolField(Common.ColumnValue.HAS_ARRAY_VALUE_FIELD_NUMBER, true);
    } else {
      writeTypedValue(out, Common.ColumnValue.SCALAR_VALUE_FIELD_NUMBER, value);
    }
    out.endMessage(columnMark);
  }

  /**
   * A {@code TypedValue} in {@code field}, as {@code TypedValue.toProto} would write it: proto3 leaves
   * out fields holding their default (0, false, "", +0.0), so this does too.
   */
  private static void writeTypedValue(ProtoBuffer out, int field, Object value) {
    if (value == null) {
      int mark = out.beginMessage(field);
      out.writeVarintField(Common.TypedValue.TYPE_FIELD_NUMBER, REP_NULL);
      out.writeBoolField(Common.TypedValue.NULL_FIELD_NUMBER, true);
      out.endMessage(mark);
    } else if (value instanceof Long number) {
      writeNumber(out, field, REP_LONG, number);
    } else if (value instanceof Integer number) {
      writeNumber(out, field, REP_INTEGER, number);
    } else if (value instanceof Short number) {
      writeNumber(out, field, REP_SHORT, number);
    } else if (value instanceof Byte number) {
      writeNumber(out, field, REP_BYTE, number);
    } else if (value instanceof Float number) {
      // Avatica sends a float as its IEEE bits in number_value.
      writeNumber(out, field, REP_FLOAT, Float.floatToIntBits(number));
    } else if (value instanceof Double number) {
      int mark = out.beginMessage(field);
      out.writeVarintField(Common.TypedValue.TYPE_FIELD_NUMBER, REP_DOUBLE);
      if (Double.doubleToRawLongBits(number) != 0) {
        out.writeDoubleField(Common.TypedValue.DOUBLE_VALUE_FIELD_NUMBER, number);
      }
      out.endMessage(mark);
    } else if (value instanceof String text) {
      int mark = out.beginMessage(field);
      out.writeVarintField(Common.TypedValue.TYPE_FIELD_NUMBER, REP_STRING);
      if (!text.isEmpty()) {
        out.writeStringField(Common.TypedValue.STRING_VALUE_FIELD_NUMBER, text);
      }
      out.endMessage(mark);
    } else if (value instanceof Boolean flag) {
      int mark = out.beginMessage(field);
      out.writeVarintField(Common.TypedValue.TYPE_FIELD_NUMBER, REP_BOOLEAN);
      if (flag) {
        out.writeBoolField(Common.TypedValue.BOOL_VALUE_FIELD_NUMBER, true);
      }
      out.endMessage(mark);
    } else {
      // Rarer types keep Avatica's own encoding, byte for byte.
      Common.TypedValue.Builder builder = Common.TypedValue.newBuilder();
      TypedValue.toProto(builder, value);
      out.writeBytesField(field, builder.build().toByteArray());
    }
  }

  private static void writeNumber(ProtoBuffer out, int field, int rep, long number) {
    int mark = out.beginMessage(field);
    out.writeVarintField(Common.TypedValue.TYPE_FIELD_NUMBER, rep);
    if (number != 0) {
      out.writeSint64Field(Common.TypedValue.NUMBER_VALUE_FIELD_NUMBER, number);
    }
    out.endMessage(mark);
  }
}
