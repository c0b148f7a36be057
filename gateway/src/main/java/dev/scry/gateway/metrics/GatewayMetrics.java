package dev.scry.gateway.metrics;

import dev.scry.engine.SparkActivity;
import dev.scry.engine.predict.ModelUsage;
import dev.scry.engine.predict.ScoringFigures;
import dev.scry.gateway.exec.StatementExecutor;
import dev.scry.gateway.server.MetricsSource;
import dev.scry.gateway.session.SessionManager;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The gateway's Prometheus registry: statements (through {@link StatementMetrics}), sessions and
 * running statements, bytes returned and read, Spark's executors and failed tasks, PREDICT per model
 * version, and the JVM through Micrometer's binders. Everything but the statement counters is read at
 * scrape time from where it is already kept, so monitoring adds nothing to a statement's path but a
 * counter increment.
 */
public final class GatewayMetrics implements MetricsSource, AutoCloseable {
  private static final List<String> PROTOCOLS = List.of("jdbc", "flight");

  private final PrometheusMeterRegistry registry;
  private final ModelUsage usage;
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final Counter responseBytes;
  private final Counter jdbcResponseBytes;
  private final Set<String> modelVersionsSeen = ConcurrentHashMap.newKeySet();

  private GatewayMetrics(PrometheusMeterRegistry registry, ModelUsage usage) {
    this.registry = registry;
    this.usage = usage;
    this.responseBytes =
        Counter.builder("scry.jdbc.response.bytes")
            .description("Bytes of HTTP responses written to JDBC (Avatica) clients")
            .register(registry);
    this.jdbcResponseBytes =
        Counter.builder(StatementMetrics.RESPONSE_BYTES)
            .description(StatementMetrics.RESPONSE_BYTES_HELP)
            .tag("protocol", "jdbc")
            .register(registry);
  }

  /** A registry with the JVM's meters; {@link #bind} adds the gateway's once its parts exist. */
  public static GatewayMetrics create(ModelUsage usage) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    GatewayMetrics metrics = new GatewayMetrics(registry, Objects.requireNonNull(usage, "usage"));
    new JvmMemoryMetrics().bindTo(registry);
    metrics.gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    return metrics;
  }

  /** Counts statements as they end; give it to the session manager. */
  public StatementMetrics statements() {
    return new StatementMetrics(registry);
  }

  /** Gauges and counters read from the sessions and Spark at each scrape. */
  public void bind(SessionManager sessions, SparkActivity spark) {
    Objects.requireNonNull(sessions, "sessions");
    Objects.requireNonNull(spark, "spark");
    for (String protocol : PROTOCOLS) {
      Gauge.builder("scry.sessions.open", sessions, s -> s.openSessions(protocol))
          .description("Open client sessions (JDBC connections, Flight SQL sessions)")
          .tag("protocol", protocol)
          .register(registry);
    }
    Gauge.builder("scry.statements.running", sessions, SessionManager::runningStatements)
        .description("Statements running or with a result being read")
        .register(registry);
    FunctionCounter.builder("scry.storage.read.bytes", spark, SparkActivity::bytesRead)
        .description("Bytes Spark tasks read from their input files")
        .register(registry);
    FunctionCounter.builder("scry.spark.tasks.failed", spark, SparkActivity::failedTasks)
        .description("Spark task attempts that failed")
        .register(registry);
    Gauge.builder("scry.spark.executors", spark, SparkActivity::executors)
        .description("Spark executors, the driver included")
        .register(registry);
  }

  /** Counts the statements that used a kept Calcite plan (read at each scrape). */
  public void bindPlanReuse(StatementExecutor executor) {
    FunctionCounter.builder("scry.plans.reused", executor, StatementExecutor::plansReused)
        .description("Statements that used a kept plan of their text instead of planning it again")
        .register(registry);
  }

  @Override
  public void responseBytes(long bytes) {
    responseBytes.increment(bytes);
    jdbcResponseBytes.increment(bytes);
  }

  @Override
  public String scrape() {
    registerModelVersions();
    return registry.scrape();
  }

  /** Model versions appear as they are first used: their meters are made at the next scrape. */
  private void registerModelVersions() {
    for (ModelUsage.VersionUsage used : usage.snapshot()) {
      String model = used.model();
      int version = used.version();
      if (!modelVersionsSeen.add(model + ":" + version)) {
        continue;
      }
      Tags tags = Tags.of("model", model, "version", Integer.toString(version));
      counter("scry.predict.rows", "Rows PREDICT scored", tags, model, version, f -> f.rows());
      counter(
          "scry.predict.batches", "Batches PREDICT scored", tags, model, version, f -> f.batches());
      counter(
          "scry.predict.errors",
          "Batches that failed to score",
          tags,
          model,
          version,
          f -> f.errors());
      FunctionTimer.builder(
              "scry.predict.batch.duration",
              usage,
              u -> u.figures(model, version).batches(),
              u -> u.figures(model, version).batchNanos(),
              TimeUnit.NANOSECONDS)
          .description("Time ONNX Runtime spent per batch")
          .tags(tags)
          .register(registry);
      FunctionTimer.builder(
              "scry.model.load.duration",
              usage,
              u -> u.figures(model, version).loads(),
              u -> u.figures(model, version).loadNanos(),
              TimeUnit.NANOSECONDS)
          .description("Time to read and load a model version into an ONNX Runtime session")
          .tags(tags)
          .register(registry);
    }
  }

  private void counter(
      String name,
      String description,
      Tags tags,
      String model,
      int version,
      ToDoubleFunction<ScoringFigures> value) {
    FunctionCounter.builder(name, usage, u -> value.applyAsDouble(u.figures(model, version)))
        .description(description)
        .tags(tags)
        .register(registry);
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
