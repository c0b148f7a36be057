package dev.scry.gateway;

import dev.scry.gateway.startup.ServeLogging;
import dev.scry.testing.SparkJvmOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code scry serve} in a JVM of its own, on a YAML configuration the test writes: for tests that need
 * the gateway's own heap limit or its own environment. Its output, and its log file, go to
 * {@link ScannedLogs#directory()}.
 */
final class ChildGateway implements AutoCloseable {
  private static final Pattern PORT = Pattern.compile("jdbc:scry://[^:]+:(\\d+)");

  private final Process process;
  private final String readyLine;
  private final String url;

  private ChildGateway(Process process, String readyLine) {
    this.process = process;
    this.readyLine = readyLine;
    this.url = ReadyLine.url(readyLine).orElseThrow();
  }

  /** Starts the gateway with {@code yaml} as its configuration and waits until it prints its URL. */
  static ChildGateway start(
      Path workDir, String yaml, List<String> jvmOptions, Map<String, String> environment)
      throws Exception {
    Path config = workDir.resolve("scry.yaml");
    Files.writeString(config, yaml);
    List<String> jvm = new ArrayList<>(jvmOptions);
    jvm.add(SparkJvmOptions.argument());
    // The gateway's log file, where NoSecretsInLogsTest reads it too.
    jvm.add("-D" + ServeLogging.DIR_PROPERTY + "=" + ScannedLogs.newDirectory("child-gateway"));
    ProcessBuilder builder =
        new ProcessBuilder(GatewayJvm.serve(workDir, jvm, config)).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process = builder.start();
    try {
      return new ChildGateway(
          process, awaitReadyLine(process, ScannedLogs.newFile("child-gateway")));
    } catch (Exception | AssertionError e) {
      stop(process);
      throw e;
    }
  }

  String url() {
    return url;
  }

  /** The Flight SQL URL the ready line shows, when the configuration turns the port on. */
  Optional<String> flightUrl() {
    return ReadyLine.flightUrl(readyLine);
  }

  int port() {
    Matcher port = PORT.matcher(url);
    if (!port.find()) {
      throw new IllegalStateException("No port in " + url);
    }
    return Integer.parseInt(port.group(1));
  }

  /** {@code /health}'s JSON (plain HTTP: for gateways without TLS). */
  String health(HttpClient http) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + "/health"))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new AssertionError(
          "/health answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  static long jsonNumber(String json, String field) {
    Matcher value = Pattern.compile("\"" + field + "\":(-?\\d+)").matcher(json);
    if (!value.find()) {
      throw new AssertionError("No " + field + " in " + json);
    }
    return Long.parseLong(value.group(1));
  }

  @Override
  public void close() throws InterruptedException {
    stop(process);
  }

  /** Kills the gateway as a crash or {@code kill -9} would: no shutdown hook, nothing cleaned up. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("the killed gateway (pid " + process.pid() + ") is still running");
    }
  }

  private static void stop(Process process) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  /** Reads the output until the ready line, then copies the rest to {@code log} in the background. */
  private static String awaitReadyLine(Process process, Path log) throws Exception {
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    String line;
    while (System.nanoTime() < deadline && (line = lines.readLine()) != null) {
      seen.append(line).append('\n');
      Optional<String> url = ReadyLine.url(line);
      if (url.isPresent()) {
        Files.writeString(log, seen);
        Thread drain =
            new Thread(
                () -> {
                  try (var out = Files.newBufferedWriter(log, StandardOpenOption.APPEND)) {
                    String more;
                    while ((more = lines.readLine()) != null) {
                      out.write(more);
                      out.newLine();
                    }
                  } catch (IOException e) {
                    // The process ended; its output up to here is in the log.
                  }
                },
                "child-gateway-output");
        drain.setDaemon(true);
        drain.start();
        return line;
      }
    }
    throw new AssertionError("scry serve did not print its URL; output:\n" + seen);
  }
}
