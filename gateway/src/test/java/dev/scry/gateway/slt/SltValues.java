package dev.scry.gateway.slt;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * sqllogictest's rendering of result values and its hash: NULL as {@code NULL}; I as a whole number
 * (a fraction truncated, as sqllogictest's C runner reads a column as a 64-bit integer); R with three
 * decimals; T as text with characters outside printable ASCII as {@code @} and the empty string as
 * {@code (empty)}. The hash is the MD5 of every value followed by a newline.
 */
final class SltValues {
  private SltValues() {}

  static String render(Object value, char type) {
    if (value == null) {
      return "NULL";
    }
    return switch (type) {
      case 'I' -> Long.toString(asNumber(value).longValue());
      case 'R' -> String.format(Locale.ROOT, "%.3f", asNumber(value).doubleValue());
      default -> text(value.toString());
    };
  }

  private static Number asNumber(Object value) {
    if (value instanceof Number number) {
      return number;
    }
    if (value instanceof Boolean bool) {
      return bool ? 1 : 0;
    }
    try {
      return new BigDecimal(value.toString().strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String text(String value) {
    if (value.isEmpty()) {
      return "(empty)";
    }
    StringBuilder out = new StringBuilder(value.length());
    for (char c : value.toCharArray()) {
      out.append(c < ' ' || c > '~' ? '@' : c);
    }
    return out.toString();
  }

  static String md5(List<String> values) {
    try {
      MessageDigest digest = MessageDigest.getInstance("MD5");
      for (String value : values) {
        digest.update(value.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
