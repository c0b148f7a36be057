package dev.scry.gateway.demo;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes one protobuf message field by field; nested messages are written as their finished bytes.
 * Just enough of the wire format to write an ONNX model.
 */
final class ProtoMessage {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final CodedOutputStream out = CodedOutputStream.newInstance(bytes);

  ProtoMessage int64(int field, long value) {
    return write(() -> out.writeInt64(field, value));
  }

  ProtoMessage string(int field, String value) {
    return write(() -> out.writeString(field, value));
  }

  ProtoMessage message(int field, ProtoMessage value) {
    byte[] nested = value.toByteArray();
    return write(() -> out.writeByteArray(field, nested));
  }

  /** A repeated float, packed as the ONNX spec declares {@code float_data}. */
  ProtoMessage packedFloats(int field, float... values) {
    return write(
        () -> {
          out.writeTag(field, WireFormat.WIRETYPE_LENGTH_DELIMITED);
          out.writeUInt32NoTag(values.length * Float.BYTES);
          for (float v : values) {
            out.writeFloatNoTag(v);
          }
        });
  }

  byte[] toByteArray() {
    write(out::flush);
    return bytes.toByteArray();
  }

  private interface Write {
    void run() throws IOException;
  }

  private ProtoMessage write(Write write) {
    try {
      write.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return this;
  }
}
