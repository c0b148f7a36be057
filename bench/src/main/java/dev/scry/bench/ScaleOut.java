package dev.scry.bench;

import dev.scry.gateway.spark.SparkDeployment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;

/**
 * P8, scale-out efficiency: the P1 query over the same table and model on {@value #CLUSTER} (two
 * executor JVMs of one core each) against {@value #LOCAL} (two task threads in the gateway's JVM).
 * A SparkContext is one per JVM and the bench's own runs {@code local[*]}, so each side is a gateway
 * of its own in a child JVM ({@link ChildGateway}), started one after the other with the same settings
 * but the master, and asked through the same driver; the children never run at the same time.
 */
final class ScaleOut {
  static final String LOCAL = "local[2]";
  static final String CLUSTER = "local-cluster[2,1,1024]";

  /** System property naming the Spark home whose jars/ local-cluster's executors run on. */
  static final String SPARK_HOME_PROPERTY = "scry.spark.home";

  private final Sampler sampler;
  private final BenchClient client;
  private final Path work;

  ScaleOut(Sampler sampler, BenchClient client, Path work) {
    this.sampler = Objects.requireNonNull(sampler, "sampler");
    this.client = Objects.requireNonNull(client, "client");
    this.work = Objects.requireNonNull(work, "work");
  }

  /** P8 for the query {@code query}, after {@code setup} (DDL registering its table and model). */
  BenchResult measure(List<String> setup, String query) throws Exception {
    Path sparkHome = sparkHome();
    Measure local = side(LOCAL, sparkHome, setup, query);
    Measure cluster = side(CLUSTER, sparkHome, setup, query);
    double ratio = local.median() / cluster.median();
    return new BenchResult(
        "P8",
        "PREDICT throughput on " + CLUSTER + " ÷ on " + LOCAL + " (the P1 query, child gateways)",
        BenchReport.seconds(cluster),
        BenchReport.seconds(local),
        BenchReport.ratio(ratio),
        "≥ 0.8",
        ratio >= 0.8);
  }

  private Measure side(String master, Path sparkHome, List<String> setup, String query)
      throws Exception {
    Path dir = work.resolve("p8-" + master.replaceAll("[^a-z0-9]+", "-"));
    System.err.println("bench: P8 starting a gateway on " + master);
    // Both sides get the heap local-cluster's two executors get together; its driver runs no tasks.
    try (ChildGateway gateway = ChildGateway.start(dir, master, work, sparkHome, "2g");
        Connection connection = client.connect(gateway.port());
        Statement statement = connection.createStatement()) {
      statement.execute("SET result_cache = off");
      for (String ddl : setup) {
        statement.execute(ddl);
      }
      return sampler.seconds("P8 PREDICT on " + master, () -> single(statement, query));
    }
  }

  private static Object single(Statement statement, String sql) throws SQLException {
    try (ResultSet rs = statement.executeQuery(sql)) {
      if (!rs.next()) {
        throw new IllegalStateException("no row from " + sql);
      }
      return rs.getObject(1);
    }
  }

  /**
   * The Spark home local-cluster starts executors from: {@value #SPARK_HOME_PROPERTY} (the launcher and
   * the build set it to gateway/target/spark-home), else {@code SPARK_HOME}.
   */
  static Path sparkHome() {
    String configured = System.getProperty(SPARK_HOME_PROPERTY);
    if (configured == null || configured.isBlank()) {
      configured = System.getenv(SparkDeployment.SPARK_HOME);
    }
    if (configured != null
        && !configured.isBlank()
        && Files.isDirectory(Path.of(configured, "jars"))) {
      return Path.of(configured).toAbsolutePath();
    }
    throw new IllegalStateException(
        "P8 runs "
            + CLUSTER
            + ", whose executors take their class path from a Spark home's jars/: "
            + (configured == null || configured.isBlank()
                ? "none is set"
                : configured + " has no jars folder")
            + " (./mvnw package builds gateway/target/spark-home; ./scry bench passes it as -D"
            + SPARK_HOME_PROPERTY
            + ")");
  }
}
