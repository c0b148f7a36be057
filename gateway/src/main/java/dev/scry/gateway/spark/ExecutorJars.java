package dev.scry.gateway.spark;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The jars executors need beyond a stock Spark distribution to run Scry's tasks: the engine (PREDICT's
 * partition scorer), the planner (the serializable PredictSpec it carries) and ONNX Runtime with its
 * native libraries. Found where this JVM loaded them from; classes loaded from a folder (an IDE run) are
 * skipped, since Spark can only ship files.
 */
public final class ExecutorJars {
  private static final List<String> NEEDED_CLASSES =
      List.of(
          "dev.scry.engine.predict.OnnxPredictRunner",
          "dev.scry.planner.predict.PredictSpec",
          "ai.onnxruntime.OrtEnvironment");

  private ExecutorJars() {}

  /** The jar files, in a stable order, without duplicates. */
  public static List<Path> find() {
    Set<Path> jars = new LinkedHashSet<>();
    for (String className : NEEDED_CLASSES) {
      Path location = locationOf(className);
      if (location != null
          && Files.isRegularFile(location)
          && location.toString().endsWith(".jar")) {
        jars.add(location);
      }
    }
    return new ArrayList<>(jars);
  }

  private static Path locationOf(String className) {
    try {
      Class<?> type = Class.forName(className, false, ExecutorJars.class.getClassLoader());
      CodeSource source = type.getProtectionDomain().getCodeSource();
      return source == null || source.getLocation() == null
          ? null
          : Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
    } catch (ClassNotFoundException | URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }
}
