package dev.scry.gateway.server;

import dev.scry.wire.Varint;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer that writes protobuf wire format by hand: tags, varints, fixed 64-bit
 * values and length-delimited fields. A nested message is written in place after a one-byte length
 * placeholder ({@link #beginMessage}); {@link #endMessage} fills the length in, moving the body when
 * the length needs more than one byte, so no message is built twice.
 */
final class ProtoBuffer {
  private static final int VARINT = 0;
  private static final int FIXED64 = 1;
  private static final int LENGTH_DELIMITED = 2;

  private byte[] bytes;
  private int size;

  ProtoBuffer(int capacity) {
    bytes = new byte[Math.max(16, capacity)];
  }

  int size() {
    return size;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  void reset() {
    size = 0;
  }

  void writeTag(int field, int wireType) {
    writeVarint((field << 3) | wireType);
  }

  void writeVarint(long value) {
    ensure(Varint.MAX_BYTES);
    size = Varint.write(value, bytes, size);
  }

  void writeVarintField(int field, long value) {
    writeTag(field, VARINT);
    writeVarint(value);
  }

  void writeBoolField(int field, boolean value) {
    writeVarintField(field, value ? 1 : 0);
  }

  /** A {@code sint64}: zig-zag encoded so that small negative numbers stay short. */
  void writeSint64Field(int field, long value) {
    writeVarintField(field, (value << 1) ^ (value >> 63));
  }

  void writeDoubleField(int field, double value) {
    writeTag(field, FIXED64);
    ensure(8);
    long bits = Double.doubleToRawLongBits(value);
    for (int i = 0; i < 8; i++) {
      bytes[size++] = (byte) (bits >>> (8 * i));
    }
  }

  void writeBytesField(int field, byte[] value) {
    writeBytesField(field, value, 0, value.length);
  }

  void writeBytesField(int field, byte[] value, int offset, int length) {
    writeTag(field, LENGTH_DELIMITED);
    writeVarint(length);
    ensure(length);
    System.arraycopy(value, offset, bytes, size, length);
    size += length;
  }

  /**
   * A string field in UTF-8, the bytes {@code String.getBytes(UTF_8)} gives. ASCII text, most of what
   * results carry, is written straight from its characters, without an intermediate byte array.
   */
  void writeStringField(int field, String text) {
    int start = size;
    int length = text.length();
    writeTag(field, LENGTH_DELIMITED);
    writeVarint(length);
    ensure(length);
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        // Not ASCII: the byte count differs from the length; let the JDK encode it (its replacement
        // of unpaired surrogates included).
        size = start;
        writeBytesField(field, text.getBytes(StandardCharsets.UTF_8));
        return;
      }
      bytes[size++] = (byte) c;
    }
  }

  /** Bytes that already are protobuf fields (an encoded message body). */
  void writeRaw(byte[] encoded) {
    ensure(encoded.length);
    System.arraycopy(encoded, 0, bytes, size, encoded.length);
    size += encoded.length;
  }

  /** Starts a nested message in {@code field}; returns the mark to pass to {@link #endMessage}. */
  int beginMessage(int field) {
    writeTag(field, LENGTH_DELIMITED);
    ensure(1);
    size++;
    return size;
  }

  void endMessage(int mark) {
    int length = size - mark;
    int lengthBytes = Varint.size(length);
    if (lengthBytes > 1) {
      ensure(lengthBytes - 1);
      System.arraycopy(bytes, mark, bytes, mark + lengthBytes - 1, length);
      size += lengthBytes - 1;
    }
    Varint.write(length, bytes, mark - 1);
  }

  private void ensure(int more) {
    if (size + more > bytes.length) {
      long wanted = Math.max((long) bytes.length * 2, (long) size + more);
      if (wanted > Integer.MAX_VALUE - 8) {
        throw new IllegalStateException("A response frame larger than 2 GB cannot be encoded");
      }
      bytes = Arrays.copyOf(bytes, (int) wanted);
    }
  }
}
