package dev.scry.jdbc;

import dev.scry.wire.Varint;
import java.io.ByteArrayOutputStream;

/**
 * Writes the few pieces of protobuf wire format the driver needs to put a response back together
 * without its frame: raw field bytes copied as they came, and length-delimited fields.
 */
final class WireWriter {
  private final ByteArrayOutputStream out;
  private final byte[] varint = new byte[Varint.MAX_BYTES];

  WireWriter(int capacity) {
    out = new ByteArrayOutputStream(capacity);
  }

  void writeRaw(byte[] bytes, int start, int end) {
    out.write(bytes, start, end - start);
  }

  void writeLengthDelimited(int field, byte[] bytes, int start, int end) {
    writeVarint((long) field << 3 | WireReader.LENGTH_DELIMITED);
    writeVarint(end - start);
    writeRaw(bytes, start, end);
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }

  private void writeVarint(long value) {
    out.write(varint, 0, Varint.write(value, varint, 0));
  }
}
