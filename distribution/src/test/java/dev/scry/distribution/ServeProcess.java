package dev.scry.distribution;

import dev.scry.gateway.ReadyLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code bin/scry serve} of an installation, started in a working folder of its own (where the
 * embedded defaults put the warehouse and the log) and stopped as an operator would, with SIGTERM.
 */
final class ServeProcess implements AutoCloseable {
  private static final Duration STOP = Duration.ofSeconds(30);

  private final Process process;
  private final Path stderr;
  private final String jdbcUrl;
  private final String readyLine;

  private ServeProcess(Process process, Path stderr, String readyLine) {
    this.process = process;
    this.stderr = stderr;
    this.readyLine = readyLine;
    this.jdbcUrl = ReadyLine.url(readyLine).orElseThrow();
  }

  /**
   * Runs {@code launcher serve args…} in {@code workDir} with this JVM's Java as {@code JAVA_HOME},
   * and waits up to {@code ready} for its ready line.
   */
  static ServeProcess start(Path launcher, Path workDir, List<String> args, Duration ready)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(launcher.toString(), "serve"));
    command.addAll(args);
    Path stderr = workDir.resolve("serve.stderr");
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(workDir.toFile()).redirectError(stderr.toFile());
    Map<String, String> env = builder.environment();
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("SCRY_JAVA_OPTS", "-Xmx1g");
    env.remove("SPARK_HOME");
    env.remove("SCRY_LOG_DIR");
    Process process = builder.start();
    CompletableFuture<Optional<String>> line =
        CompletableFuture.supplyAsync(() -> readyLine(process));
    try {
      Optional<String> found = line.get(ready.toSeconds(), TimeUnit.SECONDS);
      if (found.isPresent()) {
        return new ServeProcess(process, stderr, found.get());
      }
    } catch (ExecutionException | TimeoutException e) {
      stop(process);
      throw new IllegalStateException(
          "bin/scry serve printed no ready line within " + ready + ": " + Files.readString(stderr),
          e);
    }
    stop(process);
    throw new IllegalStateException(
        "bin/scry serve ended before it was ready: " + Files.readString(stderr));
  }

  /** The ready line, or empty when standard output ends first; the rest of the output is drained. */
  private static Optional<String> readyLine(Process process) {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    try {
      String line;
      while ((line = out.readLine()) != null) {
        if (ReadyLine.url(line).isPresent()) {
          String ready = line;
          // Keep reading so that a full pipe never blocks the gateway.
          Thread drain = new Thread(() -> out.lines().forEach(ignored -> {}), "serve-stdout");
          drain.setDaemon(true);
          drain.start();
          return Optional.of(ready);
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  String jdbcUrl() {
    return jdbcUrl;
  }

  String readyLine() {
    return readyLine;
  }

  String stderr() throws IOException {
    return Files.readString(stderr);
  }

  /** SIGTERM, as an operator or a container runtime stops it; then its exit status. */
  int stop() throws InterruptedException {
    return stop(process);
  }

  private static int stop(Process process) throws InterruptedException {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    if (!process.waitFor(STOP.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(STOP.toSeconds(), TimeUnit.SECONDS);
    }
    children.forEach(ProcessHandle::destroyForcibly);
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      stop(process);
    }
  }
}
