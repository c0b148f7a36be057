package dev.scry.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts another JVM for tests that must see the product from outside: the launcher, a bare client. */
final class JavaProcess {
  private JavaProcess() {}

  static String javaBinary() {
    return ProcessHandle.current().info().command().orElse(
        Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /**
   * A command running {@code mainClass} on this test JVM's class path, passed through an argument file
   * (ONNX Runtime dislikes long command lines).
   */
  static List<String> withTestClassPath(Path workDir, String mainClass, List<String> jvmOptions, List<String> args)
      throws IOException {
    Path argFile = workDir.resolve("classpath.args");
    Files.writeString(argFile, "-cp \"" + System.getProperty("java.class.path").replace("\\", "\\\\") + "\"\n");
    List<String> command = new ArrayList<>();
    command.add(javaBinary());
    command.addAll(jvmOptions);
    command.add("@" + argFile);
    command.add(mainClass);
    command.addAll(args);
    return command;
  }
}
