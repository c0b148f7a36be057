package dev.scry.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The folder where the gateway's tests keep every log they write ({@code target/test-logs}), including
 * the output of the gateways and shells they start as processes; {@link NoSecretsInLogsTest} scans it.
 */
final class ScannedLogs {
  private ScannedLogs() {}

  static Path directory() {
    return Path.of("target", "test-logs").toAbsolutePath();
  }

  /** A new, empty folder named after {@code prefix} for a process's log files, kept after the test. */
  static Path newDirectory(String prefix) throws IOException {
    Files.createDirectories(directory());
    return Files.createTempDirectory(directory(), prefix + "-");
  }

  /** A new, empty log file named after {@code prefix}, kept after the test. */
  static Path newFile(String prefix) throws IOException {
    Files.createDirectories(directory());
    return Files.createTempFile(directory(), prefix + "-", ".log");
  }
}
