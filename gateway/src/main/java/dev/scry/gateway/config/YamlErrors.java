package dev.scry.gateway.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A YAML file that cannot be read, in one line naming the line and the key: Jackson's and SnakeYAML's own
 * messages span lines and name Java types ({@code java.lang.Integer}).
 */
final class YamlErrors {
  private YamlErrors() {}

  static String describe(Path file, JsonProcessingException error) {
    if (error.getCause() instanceof MarkedYAMLException syntax && syntax.getProblemMark() != null) {
      return file
          + ": not valid YAML at line "
          + (syntax.getProblemMark().getLine() + 1)
          + ", column "
          + (syntax.getProblemMark().getColumn() + 1)
          + ": "
          + syntax.getProblem();
    }
    String line = line(error);
    if (error instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      String value =
          mismatch instanceof InvalidFormatException format && format.getValue() != null
              ? ", not '" + format.getValue() + "'"
              : "";
      return file
          + ": "
          + key(mismatch)
          + " at line "
          + line
          + " must be "
          + expected(mismatch.getTargetType())
          + value;
    }
    return file + ": cannot read line " + line + " (" + firstLine(error.getOriginalMessage()) + ")";
  }

  private static String line(JsonProcessingException error) {
    return error.getLocation() == null ? "?" : String.valueOf(error.getLocation().getLineNr());
  }

  /**
   * The line where {@code key} is written: the last line at or before where the parser stopped that holds
   * it as a key. The parser stops after the key's value, often at the start of the next line.
   */
  static String keyLine(Path file, String key, JsonProcessingException error) {
    int stopped = error.getLocation() == null ? Integer.MAX_VALUE : error.getLocation().getLineNr();
    Pattern asKey = Pattern.compile("^\\s*(?:-\\s+)?[\"']?" + Pattern.quote(key) + "[\"']?\\s*:");
    try {
      List<String> lines = Files.readAllLines(file);
      for (int i = Math.min(stopped, lines.size()); i >= 1; i--) {
        if (asKey.matcher(lines.get(i - 1)).find()) {
          return String.valueOf(i);
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // The file was read a moment ago; fall back to the parser's line.
    }
    return line(error);
  }

  private static String key(JsonMappingException error) {
    String path =
        error.getPath().stream()
            .map(
                reference ->
                    reference.getFieldName() != null
                        ? reference.getFieldName()
                        : "[" + reference.getIndex() + "]")
            .collect(Collectors.joining("."))
            .replace(".[", "[");
    return path.isEmpty() ? "the file" : "'" + path + "'";
  }

  private static String expected(Class<?> type) {
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a text value";
    }
    if (Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "a section of keys";
    }
    return "of another kind";
  }

  private static String firstLine(String message) {
    return message == null
        ? "unreadable"
        : message.strip().lines().findFirst().orElse("unreadable");
  }
}
