package dev.scry.jdbc;

/**
 * Reads protobuf wire format by hand from a range of a byte array: tags, varints, fixed 64-bit values
 * and length-delimited fields, without building messages. The reading mirror of the gateway's
 * {@code ProtoBuffer}. Malformed input (truncated, lengths past the range, unknown wire types) throws
 * {@link UndecodableFrame}.
 */
final class WireReader {
  static final int VARINT = 0;
  static final int FIXED64 = 1;
  static final int LENGTH_DELIMITED = 2;
  static final int FIXED32 = 5;

  private final byte[] bytes;
  private final int end;
  private int position;

  WireReader(byte[] bytes, int start, int end) {
    if (start < 0 || end > bytes.length || start > end) {
      throw new IllegalArgumentException(
          "range " + start + ".." + end + " outside " + bytes.length + " bytes");
    }
    this.bytes = bytes;
    this.position = start;
    this.end = end;
  }

  boolean hasMore() {
    return position < end;
  }

  int position() {
    return position;
  }

  /** The next field's tag ({@code field << 3 | wire type}). */
  int readTag() throws UndecodableFrame {
    long tag = readVarint();
    if (tag <= 0 || tag > Integer.MAX_VALUE) {
      throw new UndecodableFrame("invalid tag " + tag);
    }
    return (int) tag;
  }

  static int field(int tag) {
    return tag >>> 3;
  }

  static int wireType(int tag) {
    return tag & 7;
  }

  long readVarint() throws UndecodableFrame {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (position >= end) {
        throw new UndecodableFrame("truncated varint");
      }
      byte b = bytes[position++];
      value |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return value;
      }
    }
    throw new UndecodableFrame("varint longer than 10 bytes");
  }

  /** A {@code sint64}: zig-zag decoded. */
  long readSint64() throws UndecodableFrame {
    long raw = readVarint();
    return (raw >>> 1) ^ -(raw & 1);
  }

  double readDouble() throws UndecodableFrame {
    require(8);
    long bits = 0;
    for (int i = 0; i < 8; i++) {
      bits |= (bytes[position++] & 0xFFL) << (8 * i);
    }
    return Double.longBitsToDouble(bits);
  }

  /** The length of a length-delimited field; its payload starts at {@link #position()}. */
  int readLength() throws UndecodableFrame {
    long length = readVarint();
    if (length < 0 || length > end - position) {
      throw new UndecodableFrame("length " + length + " past the end of its message");
    }
    return (int) length;
  }

  void skipBytes(int count) throws UndecodableFrame {
    require(count);
    position += count;
  }

  /** Skips the value of a field whose tag was just read. */
  void skipValue(int tag) throws UndecodableFrame {
    switch (wireType(tag)) {
      case VARINT -> readVarint();
      case FIXED64 -> skipBytes(8);
      case LENGTH_DELIMITED -> skipBytes(readLength());
      case FIXED32 -> skipBytes(4);
      default ->
          throw new UndecodableFrame(
              "wire type " + wireType(tag)); // groups: never in Avatica's messages
    }
  }

  private void require(int count) throws UndecodableFrame {
    if (count > end - position) {
      throw new UndecodableFrame("truncated field");
    }
  }
}
