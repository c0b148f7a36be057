package dev.scry.jdbc;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.proto.Common;

/**
 * Reads a result {@code Frame} message by hand into the {@link Meta.Frame} Avatica's
 * {@code Frame.fromProto} would build from it: rows as lists, each column's value decoded by
 * {@link ValueDecoder}. The mirror of the gateway's {@code FrameEncoder}.
 *
 * <p>Avatica's reader parses the frame into protobuf objects first, then asks each column by
 * reflection ({@code hasField}) which of its fields is set, and builds a {@code TypedValue} per value;
 * on large results that was the client's largest cost. Columns as written before Avatica 1.5 (only
 * the deprecated repeated {@code value}), or with both a scalar and an array, are not mirrored: they
 * throw {@link UndecodableFrame} and the response goes to Avatica's reader whole.
 */
final class FrameDecoder {
  private static final int OFFSET = Common.Frame.OFFSET_FIELD_NUMBER;
  private static final int DONE = Common.Frame.DONE_FIELD_NUMBER;
  private static final int ROWS = Common.Frame.ROWS_FIELD_NUMBER;
  private static final int ROW_VALUE = Common.Row.VALUE_FIELD_NUMBER;
  private static final int ARRAY_VALUE = Common.ColumnValue.ARRAY_VALUE_FIELD_NUMBER;
  private static final int HAS_ARRAY_VALUE = Common.ColumnValue.HAS_ARRAY_VALUE_FIELD_NUMBER;
  private static final int SCALAR_VALUE = Common.ColumnValue.SCALAR_VALUE_FIELD_NUMBER;

  private FrameDecoder() {}

  /** The frame in {@code bytes[start, end)}. */
  static Meta.Frame decode(byte[] bytes, int start, int end) throws UndecodableFrame {
    long offset = 0;
    boolean done = false;
    List<Object> rows = new ArrayList<>();
    WireReader in = new WireReader(bytes, start, end);
    while (in.hasMore()) {
      int tag = in.readTag();
      int field = WireReader.field(tag);
      if (field == OFFSET && WireReader.wireType(tag) == WireReader.VARINT) {
        offset = in.readVarint();
      } else if (field == DONE && WireReader.wireType(tag) == WireReader.VARINT) {
        done = in.readVarint() != 0;
      } else if (field == ROWS && WireReader.wireType(tag) == WireReader.LENGTH_DELIMITED) {
        int length = in.readLength();
        rows.add(row(bytes, in.position(), in.position() + length));
        in.skipBytes(length);
      } else if (field == OFFSET || field == DONE || field == ROWS) {
        throw new UndecodableFrame(
            "frame field " + field + " with wire type " + WireReader.wireType(tag));
      } else {
        in.skipValue(tag);
      }
    }
    return new Meta.Frame(offset, done, rows);
  }

  private static List<Object> row(byte[] bytes, int start, int end) throws UndecodableFrame {
    List<Object> values = new ArrayList<>();
    WireReader in = new WireReader(bytes, start, end);
    while (in.hasMore()) {
      int tag = in.readTag();
      if (WireReader.field(tag) == ROW_VALUE
          && WireReader.wireType(tag) == WireReader.LENGTH_DELIMITED) {
        int length = in.readLength();
        values.add(column(bytes, in.position(), in.position() + length));
        in.skipBytes(length);
      } else if (WireReader.field(tag) == ROW_VALUE) {
        throw new UndecodableFrame("row value with wire type " + WireReader.wireType(tag));
      } else {
        in.skipValue(tag);
      }
    }
    return values;
  }

  /**
   * One {@code ColumnValue}: its scalar, or the list of its array elements. A first pass finds which
   * one it holds ({@code has_array_value} may come after the elements, as the gateway writes it).
   */
  private static Object column(byte[] bytes, int start, int end) throws UndecodableFrame {
    boolean hasArrayValue = false;
    int scalarStart = -1;
    int scalarEnd = -1;
    WireReader in = new WireReader(bytes, start, end);
    while (in.hasMore()) {
      int tag = in.readTag();
      int field = WireReader.field(tag);
      int wireType = WireReader.wireType(tag);
      if (field == HAS_ARRAY_VALUE && wireType == WireReader.VARINT) {
        hasArrayValue = in.readVarint() != 0;
      } else if (field == SCALAR_VALUE && wireType == WireReader.LENGTH_DELIMITED) {
        if (scalarStart >= 0) {
          throw new UndecodableFrame("scalar_value twice in a column (protobuf merges them)");
        }
        int length = in.readLength();
        scalarStart = in.position();
        scalarEnd = scalarStart + length;
        in.skipBytes(length);
      } else if ((field == HAS_ARRAY_VALUE || field == SCALAR_VALUE || field == ARRAY_VALUE)
          && wireType
              != (field == HAS_ARRAY_VALUE ? WireReader.VARINT : WireReader.LENGTH_DELIMITED)) {
        throw new UndecodableFrame("column field " + field + " with wire type " + wireType);
      } else {
        in.skipValue(tag); // array elements (second pass) and the deprecated repeated value
      }
    }
    boolean hasScalar = scalarStart >= 0;
    if (hasScalar == hasArrayValue) {
      throw new UndecodableFrame(
          hasScalar ? "column with a scalar and an array" : "pre-1.5 column");
    }
    if (hasScalar) {
      return ValueDecoder.decode(bytes, scalarStart, scalarEnd, false);
    }
    List<Object> elements = new ArrayList<>();
    in = new WireReader(bytes, start, end);
    while (in.hasMore()) {
      int tag = in.readTag();
      if (WireReader.field(tag) == ARRAY_VALUE) {
        int length = in.readLength();
        elements.add(ValueDecoder.decode(bytes, in.position(), in.position() + length, true));
        in.skipBytes(length);
      } else {
        in.skipValue(tag);
      }
    }
    return elements;
  }
}
