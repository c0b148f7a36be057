package dev.scry.wire;

/**
 * Protobuf's base-128 varint, for the gateway and the driver where they write wire format by hand
 * (protobuf-java is not on the driver's side, and the gateway's frame writer avoids its builders).
 */
public final class Varint {
  /** The most bytes a 64-bit value takes. */
  public static final int MAX_BYTES = 10;

  private Varint() {}

  /** Writes {@code value} at {@code into[at]} (room for {@link #MAX_BYTES} assumed); returns the next position. */
  public static int write(long value, byte[] into, int at) {
    while ((value & ~0x7FL) != 0) {
      into[at++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    into[at++] = (byte) value;
    return at;
  }

  /** How many bytes {@link #write} takes for {@code value}. */
  public static int size(long value) {
    int bytes = 1;
    while ((value & ~0x7FL) != 0) {
      value >>>= 7;
      bytes++;
    }
    return bytes;
  }
}
