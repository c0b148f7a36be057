package dev.scry.gateway;

import dev.scry.gateway.startup.ServeLogging;
import dev.scry.testing.SparkJvmOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code scry serve} in a JVM of its own, on a configuration it cannot start with: what the process left
 * behind once it ended (exit status, standard output and error, the log file) and how long after the
 * logged failure it ended.
 */
record FailedServe(
    int status, String stdout, List<String> stderr, String log, Duration exitAfterFailure) {
  /** The line ScryMain logs when the start fails, with the log's timestamp. */
  private static final Pattern FAILURE_LOGGED =
      Pattern.compile(
          "(?m)^(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3}) ERROR ScryMain - Scry did not start");

  private static final DateTimeFormatter LOG_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

  /** JVM and Spark start plus the lake check's retries, with room for a machine shared with other builds. */
  private static final int LONGEST_RUN_SECONDS = 90;

  /** Writes {@code yaml} into {@code dir}, serves it with {@code environment} added (null values removed). */
  static FailedServe run(Path dir, String yaml, Map<String, String> environment)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path config = dir.resolve("scry.yaml");
    Files.writeString(config, yaml);
    Path logs = ScannedLogs.newDirectory("failed-serve");
    List<String> jvm =
        new ArrayList<>(List.of("-Xmx1g", "-D" + ServeLogging.DIR_PROPERTY + "=" + logs));
    jvm.add(SparkJvmOptions.argument());
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    ProcessBuilder builder =
        new ProcessBuilder(GatewayJvm.serve(dir, jvm, config))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    environment.forEach(
        (name, value) -> {
          if (value == null) {
            builder.environment().remove(name);
          } else {
            builder.environment().put(name, value);
          }
        });
    Process process = builder.start();
    if (!process.waitFor(LONGEST_RUN_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError(
          "scry serve was still running after "
              + LONGEST_RUN_SECONDS
              + " s; stderr:\n"
              + Files.readString(err));
    }
    long ended = System.currentTimeMillis();
    Path logFile = logs.resolve("scry.log");
    String log =
        Files.isRegularFile(logFile) ? Files.readString(logFile, StandardCharsets.UTF_8) : "";
    return new FailedServe(
        process.exitValue(),
        Files.readString(out),
        Files.readAllLines(err),
        log,
        exitAfterFailure(log, ended));
  }

  private static Duration exitAfterFailure(String log, long ended) {
    Matcher logged = FAILURE_LOGGED.matcher(log);
    if (!logged.find()) {
      throw new AssertionError("the log does not record the failure:\n" + log);
    }
    long failed =
        LocalDateTime.parse(logged.group(1), LOG_TIME)
            .atZone(ZoneId.systemDefault())
            .toInstant()
            .toEpochMilli();
    return Duration.ofMillis(ended - failed);
  }
}
