package dev.scry.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image tar Jib wrote under {@code -Pimage} (only then is {@code scry.image.tar} set): its
 * configuration starts {@code scry serve} and its layers hold the distribution under /opt/scry,
 * without a second copy of the jars in Jib's own application layout.
 */
@EnabledIfSystemProperty(named = "scry.image.tar", matches = ".+")
class ImageIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void startsScryServeFromTheDistribution(@TempDir Path dir)
      throws IOException, InterruptedException {
    Path image = Path.of(System.getProperty("scry.image.tar"));
    run(dir, "tar", "-xf", image.toString(), "-C", dir.toString());
    JsonNode manifest = JSON.readTree(dir.resolve("manifest.json").toFile()).get(0);
    JsonNode config = JSON.readTree(dir.resolve(manifest.get("Config").asText()).toFile());

    JsonNode container = config.get("config");
    assertEquals(
        List.of("/opt/scry/bin/scry", "serve"),
        strings(container.get("Entrypoint")),
        "entry point");
    assertEquals(
        List.of("--config", "/opt/scry/conf/container.yaml"), strings(container.get("Cmd")));
    assertEquals("/var/lib/scry", container.get("WorkingDir").asText());
    assertTrue(container.get("ExposedPorts").has("8765/tcp"), "JDBC port exposed");

    List<String> files = new ArrayList<>();
    for (JsonNode layer : manifest.get("Layers")) {
      files.addAll(run(dir, "tar", "-tzf", dir.resolve(layer.asText()).toString()));
    }
    assertTrue(files.contains("opt/scry/bin/scry"), "bin/scry");
    assertTrue(files.contains("opt/scry/conf/container.yaml"), "container.yaml");
    assertTrue(
        files.stream().anyMatch(f -> f.matches("opt/scry/lib/scry-gateway-.*\\.jar")), "gateway");
    assertTrue(
        files.stream().anyMatch(f -> f.matches("opt/scry/jdbc/scry-jdbc-.*\\.jar")), "driver");
    assertFalse(
        files.stream().anyMatch(f -> f.startsWith("app/libs/")), "no second copy of the jars");
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }

  /** Runs a command in {@code dir}; its standard output as lines. */
  private static List<String> run(Path dir, String... command)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir, "out", ".txt");
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    assertTrue(process.waitFor(2, TimeUnit.MINUTES), String.join(" ", command) + " finished");
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + lines);
    return lines;
  }
}
