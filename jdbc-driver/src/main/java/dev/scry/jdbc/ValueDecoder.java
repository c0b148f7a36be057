package dev.scry.jdbc;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.avatica.proto.Common;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * Decodes one {@code TypedValue} message of a result frame into the Java value Avatica's reader gives
 * for it ({@code Meta.Frame.deserializeScalarValue}, {@code Meta.Frame.parseArray}): the common types
 * (null, booleans, numbers, strings, characters, dates and times as their epoch numbers, decimals,
 * bytes) straight from the bytes, every other type through Avatica's {@code TypedValue.fromProto}.
 * Proto3 rules apply as protobuf-java applies them: absent fields hold their default, the last
 * occurrence of a singular field wins.
 */
final class ValueDecoder {
  private static final int TYPE = Common.TypedValue.TYPE_FIELD_NUMBER;
  private static final int BOOL = Common.TypedValue.BOOL_VALUE_FIELD_NUMBER;
  private static final int STRING = Common.TypedValue.STRING_VALUE_FIELD_NUMBER;
  private static final int NUMBER = Common.TypedValue.NUMBER_VALUE_FIELD_NUMBER;
  private static final int BYTES = Common.TypedValue.BYTES_VALUE_FIELD_NUMBER;
  private static final int DOUBLE = Common.TypedValue.DOUBLE_VALUE_FIELD_NUMBER;
  private static final int ARRAY = Common.TypedValue.ARRAY_VALUE_FIELD_NUMBER;
  private static final int COMPONENT_TYPE = Common.TypedValue.COMPONENT_TYPE_FIELD_NUMBER;

  private ValueDecoder() {}

  /**
   * The value of the {@code TypedValue} in {@code bytes[start, end)}. An element of a frame's array
   * column that is itself an {@code ARRAY} becomes a list of its elements' values ({@code nested});
   * at a column's scalar position Avatica keeps an {@code ARRAY} as a list of {@code TypedValue}s, so
   * that case goes to Avatica.
   */
  static Object decode(byte[] bytes, int start, int end, boolean nested) throws UndecodableFrame {
    WireReader in = new WireReader(bytes, start, end);
    int type = 0;
    boolean bool = false;
    int stringStart = 0;
    int stringLength = 0;
    long number = 0;
    int bytesStart = 0;
    int bytesLength = 0;
    double real = 0;
    long componentType = 0;
    while (in.hasMore()) {
      int tag = in.readTag();
      int field = WireReader.field(tag);
      if (field == TYPE) {
        expect(tag, WireReader.VARINT);
        type = (int) in.readVarint();
      } else if (field == BOOL) {
        expect(tag, WireReader.VARINT);
        bool = in.readVarint() != 0;
      } else if (field == STRING) {
        expect(tag, WireReader.LENGTH_DELIMITED);
        stringLength = in.readLength();
        stringStart = in.position();
        in.skipBytes(stringLength);
      } else if (field == NUMBER) {
        expect(tag, WireReader.VARINT);
        number = in.readSint64();
      } else if (field == BYTES) {
        expect(tag, WireReader.LENGTH_DELIMITED);
        bytesLength = in.readLength();
        bytesStart = in.position();
        in.skipBytes(bytesLength);
      } else if (field == DOUBLE) {
        expect(tag, WireReader.FIXED64);
        real = in.readDouble();
      } else if (field == COMPONENT_TYPE) {
        expect(tag, WireReader.VARINT);
        componentType = in.readVarint();
      } else {
        in.skipValue(tag); // null, implicitly_null, array elements: read below where they matter
      }
    }
    Common.Rep rep = Common.Rep.forNumber(type);
    if (rep == Common.Rep.ARRAY && nested) {
      return elements(bytes, start, end);
    }
    if (rep == null || componentType != 0) {
      // Unknown types fail, and component types are checked, inside Avatica's decoding: leave both
      // to it.
      return avatica(bytes, start, end);
    }
    switch (rep) {
      case NULL:
        return null;
      case BOOLEAN:
      case PRIMITIVE_BOOLEAN:
        return bool;
      case STRING:
        return utf8(bytes, stringStart, stringLength);
      case CHARACTER:
      case PRIMITIVE_CHAR:
        return utf8(bytes, stringStart, stringLength).charAt(0);
      case BYTE:
      case PRIMITIVE_BYTE:
        return (byte) number;
      case SHORT:
      case PRIMITIVE_SHORT:
        return (short) number;
      case INTEGER:
      case PRIMITIVE_INT:
      case JAVA_SQL_DATE:
      case JAVA_SQL_TIME:
        return (int) number;
      case LONG:
      case PRIMITIVE_LONG:
      case NUMBER:
      case JAVA_SQL_TIMESTAMP:
      case JAVA_UTIL_DATE:
        return number;
      case FLOAT:
      case PRIMITIVE_FLOAT:
        return Float.intBitsToFloat((int) number); // a float travels as its IEEE bits
      case DOUBLE:
      case PRIMITIVE_DOUBLE:
        return real;
      case BYTE_STRING:
        // A frame hands binary values out as raw bytes, not in TypedValue's Base64 form.
        return Arrays.copyOfRange(bytes, bytesStart, bytesStart + bytesLength);
      case BIG_DECIMAL:
        if (number != 0) {
          return avatica(bytes, start, end); // the pre-1.8 unscaled-bytes-and-scale form
        }
        return new BigDecimal(utf8(bytes, stringStart, stringLength));
      default:
        return avatica(bytes, start, end);
    }
  }

  /** The elements of an {@code ARRAY} value, each decoded as an element of a frame's array column. */
  private static List<Object> elements(byte[] bytes, int start, int end) throws UndecodableFrame {
    List<Object> values = new ArrayList<>();
    WireReader in = new WireReader(bytes, start, end);
    while (in.hasMore()) {
      int tag = in.readTag();
      if (WireReader.field(tag) == ARRAY
          && WireReader.wireType(tag) == WireReader.LENGTH_DELIMITED) {
        int length = in.readLength();
        values.add(decode(bytes, in.position(), in.position() + length, true));
        in.skipBytes(length);
      } else {
        in.skipValue(tag);
      }
    }
    return values;
  }

  /** Avatica's own decoding of one value. */
  private static Object avatica(byte[] bytes, int start, int end) throws UndecodableFrame {
    Common.TypedValue proto;
    try {
      proto = Common.TypedValue.parseFrom(Arrays.copyOfRange(bytes, start, end));
    } catch (IOException e) {
      throw new UndecodableFrame("value: " + e.getMessage());
    }
    return TypedValue.fromProto(proto).value;
  }

  private static String utf8(byte[] bytes, int start, int length) {
    return length == 0 ? "" : new String(bytes, start, length, StandardCharsets.UTF_8);
  }

  /** A known field with another wire type is an unknown field to protobuf-java: not mirrored here. */
  private static void expect(int tag, int wireType) throws UndecodableFrame {
    if (WireReader.wireType(tag) != wireType) {
      throw new UndecodableFrame(
          "field " + WireReader.field(tag) + " has wire type " + WireReader.wireType(tag));
    }
  }
}
