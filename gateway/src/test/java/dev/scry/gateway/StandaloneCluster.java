package dev.scry.gateway;

import dev.scry.testing.SparkJvmOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Spark standalone cluster on loopback for tests: a Master and Workers, each a JVM of its own started
 * from the Spark home the build lays out (gateway/target/spark-home), one core and 1 GB per Worker.
 * The Workers start executors as JVMs of their own, under their work folders.
 */
final class StandaloneCluster implements AutoCloseable {
  private static final Pattern ALIVE_WORKERS = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");

  private final ChildProcess master;
  private final List<ChildProcess> workers;
  private final List<Path> workDirs;
  private final String masterUrl;

  private StandaloneCluster(
      ChildProcess master, List<ChildProcess> workers, List<Path> workDirs, String masterUrl) {
    this.master = master;
    this.workers = workers;
    this.workDirs = workDirs;
    this.masterUrl = masterUrl;
  }

  static Path sparkHome() {
    Path home =
        Path.of(System.getProperty("scry.spark.home", "target/spark-home"))
            .toAbsolutePath()
            .normalize();
    if (!Files.isDirectory(home.resolve("jars"))) {
      throw new IllegalStateException(
          "No Spark home at " + home + ": run the cluster tests after package (mvn verify)");
    }
    return home;
  }

  /** Starts a Master and {@code workerCount} Workers and returns once all Workers registered. */
  static StandaloneCluster start(Path dir, int workerCount) throws Exception {
    Path home = sparkHome();
    int port = freePort();
    int uiPort = freePort();
    Map<String, String> env = Map.of("SPARK_HOME", home.toString(), "SPARK_LOCAL_IP", "127.0.0.1");
    ChildProcess master =
        ChildProcess.start(
            "spark-master",
            sparkCommand(
                home,
                "org.apache.spark.deploy.master.Master",
                List.of(
                    "--host",
                    "127.0.0.1",
                    "--port",
                    Integer.toString(port),
                    "--webui-port",
                    Integer.toString(uiPort))),
            env,
            dir.resolve("master"));
    List<ChildProcess> workers = new ArrayList<>();
    List<Path> workDirs = new ArrayList<>();
    String url = "spark://127.0.0.1:" + port;
    StandaloneCluster cluster = new StandaloneCluster(master, workers, workDirs, url);
    try {
      for (int i = 1; i <= workerCount; i++) {
        Path workDir = dir.resolve("worker-" + i);
        Files.createDirectories(workDir.resolve("work"));
        workDirs.add(workDir.resolve("work"));
        workers.add(
            ChildProcess.start(
                "spark-worker-" + i,
                sparkCommand(
                    home,
                    "org.apache.spark.deploy.worker.Worker",
                    List.of(
                        "--host",
                        "127.0.0.1",
                        "--cores",
                        "1",
                        "--memory",
                        "1g",
                        "--webui-port",
                        "0",
                        "--work-dir",
                        workDir.resolve("work").toString(),
                        url)),
                env,
                workDir));
      }
      cluster.awaitWorkers(uiPort, workerCount);
      return cluster;
    } catch (Exception | AssertionError e) {
      cluster.close();
      throw e;
    }
  }

  private static List<String> sparkCommand(Path home, String mainClass, List<String> args) {
    List<String> command =
        new ArrayList<>(List.of(GatewayJvm.javaBinary(), "-Xmx256m", SparkJvmOptions.argument()));
    command.addAll(
        List.of("-cp", home.resolve("conf") + "/:" + home.resolve("jars") + "/*", mainClass));
    command.addAll(args);
    return command;
  }

  private void awaitWorkers(int uiPort, int expected) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + uiPort + "/json/"))
            .timeout(Duration.ofSeconds(5))
            .build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    String last = "(no answer)";
    while (System.nanoTime() < deadline) {
      try {
        last = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        Matcher alive = ALIVE_WORKERS.matcher(last);
        if (alive.find() && Integer.parseInt(alive.group(1)) >= expected) {
          return;
        }
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(250);
    }
    throw new AssertionError(
        "The Spark master did not see "
            + expected
            + " workers: "
            + last
            + "\nmaster:\n"
            + master.tail());
  }

  String masterUrl() {
    return masterUrl;
  }

  int workerCount() {
    return workers.size();
  }

  /** The executor JVM Worker {@code index} (0-based) runs now, if any. */
  Optional<ProcessHandle> executorOf(int index) {
    return workers
        .get(index)
        .handle()
        .children()
        .filter(p -> p.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"))
        .findFirst();
  }

  /** Lines of the executors' logs under Worker {@code index}'s work folder (all applications). */
  List<String> executorLog(int index) throws IOException {
    List<String> lines = new ArrayList<>();
    try (var files = Files.walk(workDirs.get(index))) {
      for (Path file : files.filter(f -> f.getFileName().toString().equals("stderr")).toList()) {
        lines.addAll(Files.readAllLines(file));
      }
    }
    return lines;
  }

  /** Stops the Workers (and with them their executors), then the Master; each by its own PID. */
  @Override
  public void close() throws InterruptedException {
    for (ChildProcess worker : workers) {
      worker.stop();
    }
    master.stop();
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
