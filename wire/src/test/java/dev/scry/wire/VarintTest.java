package dev.scry.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class VarintTest {
  @Test
  void writesTheBytesOfProtobufsEncodingExamples() {
    assertEncodes(new byte[] {0}, 0);
    assertEncodes(new byte[] {1}, 1);
    assertEncodes(new byte[] {(byte) 0x96, 0x01}, 150);
    assertEncodes(new byte[] {(byte) 0xAC, 0x02}, 300);
    // A negative int64 is sign-extended: always ten bytes.
    assertEncodes(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1, -1, 1}, -1);
  }

  @Test
  void writesAtTheGivenPosition() {
    byte[] into = new byte[Varint.MAX_BYTES + 2];
    assertEquals(4, Varint.write(300, into, 2));
    assertArrayEquals(new byte[] {0, 0, (byte) 0xAC, 0x02}, Arrays.copyOf(into, 4));
  }

  private static void assertEncodes(byte[] expected, long value) {
    byte[] into = new byte[Varint.MAX_BYTES];
    int end = Varint.write(value, into, 0);
    assertArrayEquals(expected, Arrays.copyOf(into, end), "varint of " + value);
    assertEquals(expected.length, Varint.size(value), "size of " + value);
  }
}
