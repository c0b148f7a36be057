package dev.scry.gateway.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a secret named in the configuration: an environment variable or a file (its first line, so a
 * trailing newline does not count). Errors name the variable or file, never the value.
 */
public final class Secrets {
  private Secrets() {}

  public static String read(String envName, String file, String what) throws ConfigException {
    if ((envName == null) == (file == null)) {
      throw new ConfigException(what + ": name exactly one of password-env and password-file");
    }
    if (envName != null) {
      String value = System.getenv(envName);
      if (value == null || value.isEmpty()) {
        throw new ConfigException(
            what
                + ": environment variable "
                + envName
                + " is not set; set it where the "
                + "gateway starts, or name a file with password-file");
      }
      return value;
    }
    Path path = Path.of(file);
    try {
      String content = Files.readString(path, StandardCharsets.UTF_8);
      int end = content.indexOf('\n');
      String value = (end < 0 ? content : content.substring(0, end)).replace("\r", "");
      if (value.isEmpty()) {
        throw new ConfigException(what + ": password file " + path + " is empty");
      }
      return value;
    } catch (IOException e) {
      throw new ConfigException(
          what + ": cannot read password file " + path + " (" + SecretSource.unreadable(e) + ")");
    }
  }
}
