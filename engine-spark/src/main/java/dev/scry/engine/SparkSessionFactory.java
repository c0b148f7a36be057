package dev.scry.engine;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/** Builds the engine's SparkSession from a master URL and Spark settings. */
public final class SparkSessionFactory {
  private static final String UI = "spark.ui.enabled";
  private static final String UI_EXPLAIN_MODE = "spark.sql.ui.explainMode";

  private SparkSessionFactory() {}

  /**
   * A SparkSession for {@code master} ({@code local[2]}, {@code spark://host:7077}, ...) with
   * {@code settings} applied. Unless the settings say otherwise: app name "scry", no web UI, the
   * session time zone UTC (so TIMESTAMP values do not depend on the server's zone), the FAIR
   * scheduler, so that concurrent statements share the executors task by task (the pool comes from
   * {@code fairscheduler.xml} on the class path), and, without the web UI, the plan description of
   * {@link #explainModeWithoutUi} (see there).
   */
  public static SparkSession create(String master, Map<String, String> settings) {
    Objects.requireNonNull(master, "master");
    Objects.requireNonNull(settings, "settings");
    SparkSession.Builder builder =
        SparkSession.builder()
            .master(master)
            .appName(settings.getOrDefault("spark.app.name", "scry"))
            .config(UI, settings.getOrDefault(UI, "false"))
            .config(
                "spark.sql.session.timeZone",
                settings.getOrDefault("spark.sql.session.timeZone", "UTC"))
            .config("spark.scheduler.mode", settings.getOrDefault("spark.scheduler.mode", "FAIR"));
    explainModeWithoutUi(settings).ifPresent(mode -> builder.config(UI_EXPLAIN_MODE, mode));
    settings.forEach(builder::config);
    return builder.getOrCreate();
  }

  /**
   * "simple" when the web UI is off and the settings name no mode. Spark renders every SQL execution's
   * physical plan as text for its listeners before the execution's first job, in the UI's mode
   * (default "formatted", the costliest: operator ids and each operator's details); with the UI off
   * only the status store keeps it and nothing shows it. Less work by construction; on the P1 statement
   * the difference was within a shared machine's noise (docs/benchmarks.md).
   */
  static Optional<String> explainModeWithoutUi(Map<String, String> settings) {
    boolean ui = Boolean.parseBoolean(settings.getOrDefault(UI, "false").trim());
    if (ui || settings.containsKey(UI_EXPLAIN_MODE)) {
      return Optional.empty();
    }
    return Optional.of("simple");
  }
}
