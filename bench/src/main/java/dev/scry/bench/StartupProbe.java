package dev.scry.bench;

import dev.scry.gateway.GatewayJvm;
import dev.scry.gateway.ReadyLine;
import dev.scry.gateway.startup.ServeLogging;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Measures P6: from starting {@code scry serve} in a fresh JVM to its "ready" line, with a fresh
 * warehouse each time, the JVM options of this process and its class path (through an argument file).
 */
final class StartupProbe {
  private final Path work;
  private int run;

  StartupProbe(Path work) {
    this.work = work;
  }

  /** Starts, waits for the ready line, stops; returns the start-to-ready time. */
  String startAndStop() throws IOException, InterruptedException {
    Path dir = Files.createDirectories(work.resolve("startup-" + (++run)));
    Path config = dir.resolve("scry.yaml");
    Files.writeString(
        config,
        """
        server:
          host: 127.0.0.1
          port: 0
        warehouse: %s
        demo: false
        """
            .formatted(dir.resolve("warehouse")));
    List<String> jvmOptions =
        new ArrayList<>(ManagementFactory.getRuntimeMXBean().getInputArguments());
    jvmOptions.add("-D" + ServeLogging.DIR_PROPERTY + "=" + dir.resolve("logs"));
    List<String> command = GatewayJvm.serve(dir, jvmOptions, config);
    Process process =
        new ProcessBuilder(command).redirectError(dir.resolve("stderr.log").toFile()).start();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (ReadyLine.url(line).isPresent()) {
          return line;
        }
      }
      throw new IllegalStateException(
          "scry serve exited without becoming ready; see "
              + dir.resolve("stderr.log")
              + " and "
              + dir.resolve("logs").resolve("scry.log"));
    } finally {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
