package dev.scry.gateway;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process started by a test, its output (stdout and stderr together) kept in memory and copied to a log
 * file. {@link #stop} ends it and every process it started, each by its own PID.
 */
final class ChildProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Path log;

  private ChildProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
    Thread reader = new Thread(this::copyOutput, name + "-output");
    reader.setDaemon(true);
    reader.start();
  }

  static ChildProcess start(
      String name, List<String> command, Map<String, String> environment, Path workDir)
      throws IOException {
    Files.createDirectories(workDir);
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
    builder.environment().putAll(environment);
    return new ChildProcess(name, builder.start(), workDir.resolve(name + ".log"));
  }

  private void copyOutput() {
    try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter out =
            new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
      String line;
      while ((line = in.readLine()) != null) {
        lines.add(line);
        out.println(line);
      }
    } catch (IOException e) {
      lines.add("(output lost: " + e + ")");
    }
  }

  /** The first line matching {@code pattern}, waiting for it up to {@code seconds}; fails with the output. */
  Matcher awaitLine(Pattern pattern, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (true) {
      for (String line : lines) {
        Matcher matcher = pattern.matcher(line);
        if (matcher.find()) {
          return matcher;
        }
      }
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError(
            name
                + (process.isAlive() ? " did not print " : " exited before printing ")
                + pattern
                + "; its output ("
                + log
                + "):\n"
                + tail());
      }
      Thread.sleep(100);
    }
  }

  List<String> lines() {
    return List.copyOf(lines);
  }

  long pid() {
    return process.pid();
  }

  ProcessHandle handle() {
    return process.toHandle();
  }

  String tail() {
    List<String> all = lines();
    return String.join("\n", all.subList(Math.max(0, all.size() - 60), all.size()));
  }

  /** SIGTERM, then SIGKILL after 30 s; then whatever it started and left behind. */
  void stop() throws InterruptedException {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    for (ProcessHandle child : descendants) {
      if (child.isAlive()) {
        child.destroyForcibly();
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
