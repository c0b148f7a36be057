package dev.scry.gateway.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Spark settings the gateway adds for its master. In local mode ({@code local}, {@code local[N]})
 * nothing: executors are threads of the gateway. With executors in other JVMs ({@code local-cluster[…]},
 * {@code spark://…}, {@code k8s://…}, {@code yarn}) the jars executors need ({@link ExecutorJars}) are
 * appended to {@code spark.jars}, so that executors on other hosts get the scoring code from the
 * driver. {@code local-cluster} starts its executors through Spark's launcher, which takes their class
 * path from {@code $SPARK_HOME/jars}: without such a folder the gateway refuses to start, saying so.
 */
public final class SparkDeployment {
  /** Environment variable Spark's Worker and launcher read. */
  public static final String SPARK_HOME = "SPARK_HOME";

  static final String JARS = "spark.jars";

  private SparkDeployment() {}

  /** {@code conf} plus what {@code master} needs; {@code env} is the process environment. */
  public static Map<String, String> settings(
      String master, Map<String, String> conf, Map<String, String> env, List<Path> executorJars) {
    Objects.requireNonNull(master, "master");
    Objects.requireNonNull(conf, "conf");
    Objects.requireNonNull(env, "env");
    if (isLocal(master)) {
      return conf;
    }
    if (master.startsWith("local-cluster")) {
      checkSparkHome(master, env);
    }
    Map<String, String> settings = new LinkedHashMap<>(conf);
    List<String> jars = new ArrayList<>();
    String configured = conf.get(JARS);
    if (configured != null && !configured.isBlank()) {
      Arrays.stream(configured.split(","))
          .map(String::trim)
          .filter(s -> !s.isEmpty())
          .forEach(jars::add);
    }
    for (Path jar : executorJars) {
      String uri = jar.toUri().toString();
      if (!jars.contains(uri) && !jars.contains(jar.toString())) {
        jars.add(uri);
      }
    }
    if (!jars.isEmpty()) {
      settings.put(JARS, String.join(",", jars));
    }
    return settings;
  }

  /** Settings for this process: its environment and the jars it loaded Scry's engine from. */
  public static Map<String, String> settings(String master, Map<String, String> conf) {
    return settings(master, conf, System.getenv(), ExecutorJars.find());
  }

  static boolean isLocal(String master) {
    return master.equals("local") || master.startsWith("local[");
  }

  private static void checkSparkHome(String master, Map<String, String> env) {
    String home = env.get(SPARK_HOME);
    if (home != null && Files.isDirectory(Path.of(home, "jars"))) {
      return;
    }
    String hint =
        besideGatewayJar()
            .map(p -> " (this build has one: SPARK_HOME=" + p + ")")
            .orElse(
                " (./mvnw package builds one in gateway/target/spark-home; ./scry serve uses it)");
    throw new IllegalStateException(
        "spark.master "
            + master
            + " starts executors in JVMs of their own, whose "
            + "class path Spark takes from $SPARK_HOME/jars, but "
            + (home == null
                ? "SPARK_HOME is not set"
                : "SPARK_HOME=" + home + " has no jars folder")
            + hint);
  }

  /** gateway/target/spark-home when this class was loaded from gateway/target/*.jar. */
  private static Optional<Path> besideGatewayJar() {
    try {
      Path location =
          Path.of(
              SparkDeployment.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path candidate = location.getParent().resolve("spark-home");
      return Files.isDirectory(candidate.resolve("jars"))
          ? Optional.of(candidate)
          : Optional.empty();
    } catch (Exception e) {
      return Optional.empty();
    }
  }
}
