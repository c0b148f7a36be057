package dev.scry.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command that runs {@code scry serve} in a JVM of its own on this JVM's class path: for the bench's
 * start-up measure and the tests that need a gateway process. The class path goes through an argument
 * file because ONNX Runtime crashes when the command line is long.
 */
public final class GatewayJvm {
  private GatewayJvm() {}

  /** This JVM's {@code java}. */
  public static String javaBinary() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /** {@code java jvmOptions… ScryMain serve --config config}; the argument file is written to {@code workDir}. */
  public static List<String> serve(Path workDir, List<String> jvmOptions, Path config)
      throws IOException {
    Path argFile = workDir.resolve("classpath.args");
    Files.writeString(
        argFile, "-cp \"" + System.getProperty("java.class.path").replace("\\", "\\\\") + "\"\n");
    List<String> command = new ArrayList<>();
    command.add(javaBinary());
    command.addAll(jvmOptions);
    command.add("@" + argFile);
    command.add(ScryMain.class.getName());
    command.addAll(List.of("serve", "--config", config.toString()));
    return command;
  }
}
