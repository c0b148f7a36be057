package dev.scry.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.scry.gateway.config.ConfigException;
import dev.scry.gateway.config.ConfigLoader;
import dev.scry.gateway.config.ScryConfig;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * conf/scry.yaml of the distribution: it parses with the gateway's own loader as shipped and with its
 * commented examples switched on, and it names every key the loader knows, so that a key added to
 * {@link ScryConfig} without an example fails here.
 */
class ExampleConfigTest {
  private static final Path EXAMPLE =
      Path.of(System.getProperty("scry.dist.conf", "src/main/dist/conf"), "scry.yaml");

  /** A commented key line: "# " after the indentation, then a key (or a list item) and a colon. */
  private static final Pattern COMMENTED_KEY =
      Pattern.compile("^(\\s*)# (\\s*(?:- )?[a-z][a-z.-]*:(?:\\s.*)?)$");

  /** The loader's complaint about a secret whose environment variable is not set here. */
  private static final Pattern MISSING_SECRET =
      Pattern.compile(
          "storage '[a-z-]+' credential: environment variable [A-Z_]+ \\([a-z]+-env\\) is not set; set it where"
              + " the gateway starts, or name a file with [a-z]+-file");

  @Test
  void parsesAsShipped() throws ConfigException {
    ScryConfig config = ConfigLoader.load(EXAMPLE);

    assertEquals("127.0.0.1", config.server().host());
    assertEquals(8765, config.server().port());
    assertEquals(8815, config.server().flight().port());
    assertEquals("none", config.server().auth().type());
    assertEquals(5000, config.limits().maxRowsPerFrame());
    assertEquals("local[*]", config.spark().master());
    assertEquals("8", config.spark().conf().get("spark.sql.shuffle.partitions"));
    assertTrue(config.demoEnabled());
    assertTrue(config.storage().isEmpty(), "the storage examples are commented out");
  }

  @Test
  void commentedExamplesParseOnceSwitchedOn(@TempDir Path dir) throws IOException {
    Path switchedOn = dir.resolve("scry.yaml");
    Files.write(switchedOn, uncommented(Files.readAllLines(EXAMPLE)));

    ScryConfig config;
    try {
      config = ConfigLoader.load(switchedOn);
    } catch (ConfigException e) {
      // The examples name environment variables for their secrets; where those are unset, the
      // loader must complain about nothing else.
      String others =
          MISSING_SECRET
              .matcher(e.getMessage().substring(switchedOn.toString().length() + 2))
              .replaceAll("")
              .replace(";", "")
              .strip();
      assertEquals("", others, "not only missing secrets: " + e.getMessage());
      return;
    }
    assertEquals(2, config.server().auth().users().size());
    assertEquals("/etc/scry/server.p12", config.server().tls().keystore());
    assertEquals(6, config.storage().size());
  }

  @Test
  void namesEveryKeyTheLoaderKnows() throws IOException {
    String text = Files.readString(EXAMPLE);
    List<String> missing = new ArrayList<>();
    for (String key : keys(ScryConfig.class, "")) {
      String name = key.substring(key.lastIndexOf('.') + 1);
      if (!Pattern.compile("(?m)^[\\s#-]*" + Pattern.quote(name) + ":").matcher(text).find()) {
        missing.add(key);
      }
    }
    assertEquals(List.of(), missing, "keys without an example in " + EXAMPLE);
  }

  private static List<String> uncommented(List<String> lines) {
    return lines.stream()
        .map(
            line -> {
              var key = COMMENTED_KEY.matcher(line);
              return key.matches() ? key.group(1) + key.group(2) : line;
            })
        .toList();
  }

  /** The YAML keys of a configuration record and of the records under it, as dotted paths. */
  private static List<String> keys(Class<?> record, String prefix) {
    List<String> keys = new ArrayList<>();
    for (RecordComponent component : record.getRecordComponents()) {
      // Jackson's annotation reaches the accessor, not the record component itself.
      JsonProperty renamed = component.getAccessor().getAnnotation(JsonProperty.class);
      String key = prefix + (renamed == null ? component.getName() : renamed.value());
      keys.add(key);
      elementType(component.getGenericType())
          .filter(Class::isRecord)
          .ifPresent(nested -> keys.addAll(keys(nested, key + ".")));
    }
    return keys;
  }

  /** The record a component holds, directly or as the elements of a list. */
  private static Optional<Class<?>> elementType(Type type) {
    if (type instanceof Class<?> plain) {
      return Optional.of(plain);
    }
    if (type instanceof ParameterizedType generic
        && generic.getRawType() == List.class
        && generic.getActualTypeArguments()[0] instanceof Class<?> element) {
      return Optional.of(element);
    }
    return Optional.empty();
  }
}
