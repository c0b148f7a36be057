package dev.scry.jdbc;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.calcite.avatica.proto.Common;

/** Avatica's envelope of a response: its message class name and where its bytes are ({@code [start, end)}). */
record WireMessage(byte[] name, int start, int end) {
  private static final int NAME = Common.WireMessage.NAME_FIELD_NUMBER;
  private static final int WRAPPED = Common.WireMessage.WRAPPED_MESSAGE_FIELD_NUMBER;

  static WireMessage read(byte[] bytes) throws UndecodableFrame {
    byte[] name = null;
    int start = -1;
    int end = -1;
    WireReader in = new WireReader(bytes, 0, bytes.length);
    while (in.hasMore()) {
      int tag = in.readTag();
      int field = WireReader.field(tag);
      if ((field == NAME || field == WRAPPED)
          && WireReader.wireType(tag) == WireReader.LENGTH_DELIMITED) {
        int length = in.readLength();
        if (field == NAME) {
          name = Arrays.copyOfRange(bytes, in.position(), in.position() + length);
        } else {
          start = in.position();
          end = start + length;
        }
        in.skipBytes(length);
      } else {
        in.skipValue(tag);
      }
    }
    if (name == null || start < 0) {
      throw new UndecodableFrame("not a complete wire message");
    }
    return new WireMessage(name, start, end);
  }

  boolean named(String className) {
    return new String(name, StandardCharsets.UTF_8).equals(className);
  }

  /** The same envelope around {@code message}. */
  byte[] rewrap(byte[] bytes, byte[] message) {
    WireWriter out = new WireWriter(name.length + message.length + 16);
    out.writeLengthDelimited(NAME, name, 0, name.length);
    out.writeLengthDelimited(WRAPPED, message, 0, message.length);
    return out.toByteArray();
  }
}
