package dev.scry.engine.analyze;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.execution.InputAdapter;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.execution.adaptive.QueryStageExec;
import org.apache.spark.sql.execution.metric.SQLMetric;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Spark's physical plan as it ran, one line per operator, indented as EXPLAIN indents, each with the
 * SQL metrics Spark kept for it: rows out, the files a scan opened and their size, and the times Spark measures
 * (under whole-stage code generation, a stage's duration rather than each operator's). Adaptive
 * execution's final plan is shown, query stages opened into the operators they ran.
 */
final class OperatorMetrics {
  /** Spark's metric keys that have a shorter name for a person; other metrics keep Spark's own name. */
  private static final Map<String, String> SHORT_NAMES =
      Map.of(
          "numOutputRows", "rows",
          "numFiles", "files",
          "filesSize", "file bytes",
          "pipelineTime", "time");

  private OperatorMetrics() {}

  static List<String> lines(SparkPlan executed) {
    List<String> lines = new ArrayList<>();
    walk(executed, 1, lines);
    return List.copyOf(lines);
  }

  private static void walk(SparkPlan node, int depth, List<String> lines) {
    if (node instanceof AdaptiveSparkPlanExec adaptive) {
      walk(adaptive.executedPlan(), depth, lines);
      return;
    }
    if (node instanceof QueryStageExec stage) {
      walk(stage.plan(), depth, lines);
      return;
    }
    if (node instanceof InputAdapter adapter) { // code generation's seam: no work of its own
      walk(adapter.child(), depth, lines);
      return;
    }
    lines.add("  ".repeat(depth) + node.nodeName().trim() + measured(node));
    for (SparkPlan child : CollectionConverters.asJava(node.children())) {
      walk(child, depth + 1, lines);
    }
  }

  /** {@code " [rows 50, file bytes 1234]"}, or nothing when Spark measured nothing here. */
  static String measured(SparkPlan node) {
    Map<String, SQLMetric> metrics = new TreeMap<>(CollectionConverters.asJava(node.metrics()));
    List<String> parts = new ArrayList<>();
    SQLMetric rows = metrics.remove("numOutputRows");
    if (rows != null) {
      parts.add("rows " + Math.max(0, rows.value()));
    }
    metrics.forEach(
        (key, metric) -> {
          String value = formatted(metric);
          if (value != null) {
            parts.add(nameOf(key, metric) + " " + value);
          }
        });
    return parts.isEmpty() ? "" : " [" + String.join(", ", parts) + "]";
  }

  private static String nameOf(String key, SQLMetric metric) {
    String known = SHORT_NAMES.get(key);
    if (known != null) {
      return known;
    }
    return metric.name().isDefined() ? metric.name().get() : key;
  }

  /** The value as Spark's type says, or null when unset or zero (most metrics of most plans). */
  private static String formatted(SQLMetric metric) {
    long value = metric.value();
    if (value <= 0) {
      return null;
    }
    return switch (metric.metricType()) {
      case "sum", "size" -> Long.toString(value);
      case "timing" -> value + " ms";
      case "nsTiming" -> String.format(Locale.ROOT, "%.1f ms", value / 1e6);
      default -> null; // averages are encoded sums that only Spark's UI decodes
    };
  }
}
