package dev.scry.engine.predict;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns ONNX Runtime's session-creation failures into reasons a user can act on. Its messages carry
 * source-file paths and C++ detail; the ones with a known cause get a plain sentence and the fix.
 */
final class OrtLoadErrors {
  /** StringNormalizer (text pipelines) builds a C++ locale by name when the session is created. */
  private static final Pattern MISSING_LOCALE =
      Pattern.compile("Failed to construct locale with name:\\s*([^:\\s]+)");

  private OrtLoadErrors() {}

  /** The reason ONNX Runtime could not load a model, from its exception message. */
  static String reason(String ortMessage) {
    String message = ortMessage == null ? "" : ortMessage;
    Matcher locale = MISSING_LOCALE.matcher(message);
    if (locale.find()) {
      String name = locale.group(1);
      return "the model's text operators (StringNormalizer) need the locale "
          + name
          + ", which is not installed"
          + " on this machine; install it (for example `locale-gen "
          + name
          + "` on Debian/Ubuntu, package"
          + " `locales`) on the gateway and on every Spark executor";
    }
    return message;
  }
}
