package dev.scry.gateway.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where secrets come from: environment variables ({@code *-env} keys) or files ({@code *-file} keys),
 * never the YAML itself. Errors name the variable or file, never a value.
 */
public final class SecretSource {
  private final Function<String, String> environment;

  public SecretSource(Function<String, String> environment) {
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  /** Secrets from this process's environment and files. */
  public static SecretSource system() {
    return new SecretSource(System::getenv);
  }

  /**
   * The secret named by {@code <base>-env} or {@code <base>-file} in {@code section}; exactly one must
   * be given. {@code where} says which part of the configuration asked, for the error message.
   */
  public String required(Map<String, Object> section, String base, String where)
      throws ConfigException {
    Object env = section.get(base + "-env");
    Object file = section.get(base + "-file");
    if (section.containsKey(base)) {
      throw new ConfigException(
          where
              + ": '"
              + base
              + "' must not be written into the configuration; use "
              + base
              + "-env (an environment variable) or "
              + base
              + "-file (a file)");
    }
    if (env != null && file != null) {
      throw new ConfigException(
          where + ": give either " + base + "-env or " + base + "-file, not both");
    }
    if (env != null) {
      String value = environment.apply(env.toString());
      if (value == null || value.isBlank()) {
        throw new ConfigException(
            where
                + ": environment variable "
                + env
                + " ("
                + base
                + "-env) is not set; "
                + "set it where the gateway starts, or name a file with "
                + base
                + "-file");
      }
      return value.strip();
    }
    if (file != null) {
      Path path = Path.of(file.toString());
      try {
        String value = Files.readString(path).strip();
        if (value.isEmpty()) {
          throw new ConfigException(where + ": the file " + path + " (" + base + "-file) is empty");
        }
        return value;
      } catch (IOException e) {
        throw new ConfigException(
            where + ": cannot read " + base + "-file " + path + " (" + unreadable(e) + ")");
      }
    }
    throw new ConfigException(where + ": missing " + base + "-env or " + base + "-file");
  }

  /** Why a secret's file cannot be read, in words (the exception's class would name a Java type). */
  static String unreadable(IOException error) {
    if (error instanceof NoSuchFileException) {
      return "no such file";
    }
    if (error instanceof AccessDeniedException) {
      return "permission denied";
    }
    return error instanceof CharacterCodingException ? "not text" : "unreadable";
  }
}
