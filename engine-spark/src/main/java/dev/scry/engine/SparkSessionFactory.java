package dev.scry.engine;

import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.SparkSession;

/** Builds the engine's SparkSession from a master URL and Spark settings. */
public final class SparkSessionFactory {
  private SparkSessionFactory() {}

  /**
   * A SparkSession for {@code master} ({@code local[2]}, {@code spark://host:7077}, ...) with
   * {@code settings} applied. Unless the settings say otherwise: app name "scry", no web UI, the
   * session time zone UTC (so TIMESTAMP values do not depend on the server's zone), and the FAIR
   * scheduler, so that concurrent statements share the executors task by task (the pool comes from
   * {@code fairscheduler.xml} on the class path).
   */
  public static SparkSession create(String master, Map<String, String> settings) {
    Objects.requireNonNull(master, "master");
    Objects.requireNonNull(settings, "settings");
    SparkSession.Builder builder =
        SparkSession.builder()
            .master(master)
            .appName(settings.getOrDefault("spark.app.name", "scry"))
            .config("spark.ui.enabled", settings.getOrDefault("spark.ui.enabled", "false"))
            .config(
                "spark.sql.session.timeZone",
                settings.getOrDefault("spark.sql.session.timeZone", "UTC"))
            .config("spark.scheduler.mode", settings.getOrDefault("spark.scheduler.mode", "FAIR"));
    settings.forEach(builder::config);
    return builder.getOrCreate();
  }
}
