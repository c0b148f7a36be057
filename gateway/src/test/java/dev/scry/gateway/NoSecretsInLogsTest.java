package dev.scry.gateway;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other test class of the gateway (junit-platform.properties orders classes by
 * {@link Order}; the others keep the default order) and reads every log the suite wrote: the test log,
 * the output of the gateways and shells started as processes, and Surefire's reports. None may hold a
 * password or key any test used ({@link TestSecrets}). The suite configures no storage account key yet;
 * when one comes, it belongs in {@link TestSecrets} too.
 */
@Order(Integer.MAX_VALUE)
class NoSecretsInLogsTest {
  @Test
  void noLogHoldsAPasswordOrKey() throws IOException {
    List<Path> logs = new ArrayList<>();
    logs.addAll(files(ScannedLogs.directory()));
    logs.addAll(files(Path.of("target", "surefire-reports").toAbsolutePath()));
    assertTrue(
        logs.stream().anyMatch(p -> p.getFileName().toString().equals("scry-tests.log")),
        "the test log is among the scanned files: " + logs);
    for (Path log : logs) {
      String text;
      try {
        text = new String(Files.readAllBytes(log), StandardCharsets.ISO_8859_1);
      } catch (NoSuchFileException replaced) {
        continue; // Surefire replaces a report while it writes it; the next run scans the final
        // one.
      }
      for (String secret : TestSecrets.all()) {
        assertFalse(
            text.contains(secret), "a test secret (" + secret.length() + " characters) in " + log);
      }
    }
  }

  private static List<Path> files(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      return paths.filter(Files::isRegularFile).toList();
    }
  }
}
