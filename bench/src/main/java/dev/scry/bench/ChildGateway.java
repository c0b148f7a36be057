package dev.scry.bench;

import dev.scry.gateway.GatewayJvm;
import dev.scry.gateway.ReadyLine;
import dev.scry.gateway.spark.SparkDeployment;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code scry serve} in a JVM of its own on a given Spark master, for measures that need a second
 * SparkContext (one per JVM): this JVM's class path and JVM options, a heap of its own, {@code
 * SPARK_HOME} set for {@code local-cluster}'s executor JVMs. Its standard output goes to a file, read
 * for the ready line, so that a full pipe never blocks the child.
 */
final class ChildGateway implements AutoCloseable {
  private static final long START_SECONDS = 180;

  private final Process process;
  private final int port;

  private ChildGateway(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts a gateway on {@code master} with the local storage root {@code storageRoot}, its warehouse
   * and logs under {@code dir}; returns once it is ready. {@code sparkHome} may be null for a {@code
   * local} master, which starts no executor JVMs: the child then inherits this JVM's environment.
   */
  static ChildGateway start(Path dir, String master, Path storageRoot, Path sparkHome, String heap)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path config = dir.resolve("scry.yaml");
    Files.writeString(
        config,
        """
        server:
          host: 127.0.0.1
          port: 0
        storage:
          - name: bench
            root: %s
        warehouse: %s
        spark:
          master: "%s"
        demo: false
        """
            .formatted(storageRoot, dir.resolve("warehouse"), master));
    List<String> jvmOptions = new ArrayList<>();
    for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!option.startsWith("-Xmx") && !option.startsWith("-agentlib")) {
        jvmOptions.add(option);
      }
    }
    jvmOptions.add("-Xmx" + heap);
    jvmOptions.add("-Dscry.log.dir=" + dir.resolve("logs"));
    Path out = dir.resolve("stdout.log");
    ProcessBuilder builder =
        new ProcessBuilder(GatewayJvm.serve(dir, jvmOptions, config))
            .redirectOutput(out.toFile())
            .redirectError(dir.resolve("stderr.log").toFile());
    if (sparkHome != null) {
      builder.environment().put(SparkDeployment.SPARK_HOME, sparkHome.toString());
    }
    Process process = builder.start();
    try {
      return new ChildGateway(process, awaitPort(process, out, dir));
    } catch (IOException | InterruptedException | RuntimeException e) {
      stop(process);
      throw e;
    }
  }

  int port() {
    return port;
  }

  /** The gateway's process id (for jcmd, /proc and its CPU time). */
  long pid() {
    return process.pid();
  }

  private static int awaitPort(Process process, Path out, Path dir)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
    while (System.nanoTime() < deadline) {
      Optional<String> url =
          Files.readAllLines(out, StandardCharsets.UTF_8).stream()
              .map(ReadyLine::url)
              .flatMap(Optional::stream)
              .findFirst();
      if (url.isPresent()) {
        // jdbc:scry://127.0.0.1:PORT
        String jdbc = url.get();
        return Integer.parseInt(jdbc.substring(jdbc.lastIndexOf(':') + 1).replaceAll("\\D.*", ""));
      }
      if (!process.isAlive()) {
        break;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(
        "scry serve did not become ready within "
            + START_SECONDS
            + " s; see "
            + dir.resolve("stderr.log")
            + " and "
            + dir.resolve("logs").resolve("scry.log"));
  }

  @Override
  public void close() throws InterruptedException {
    stop(process);
  }

  private static void stop(Process process) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
