package dev.scry.engine;

import dev.scry.planner.rel.PredictRel;
import java.util.Map;
import java.util.Objects;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.core.Union;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexUtil;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.internal.SQLConf;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Runs a query whose plan adaptive execution cannot improve as one Spark job instead of two.
 *
 * <p>Adaptive execution (AQE) re-plans a query at each shuffle from what the finished stages measured:
 * it merges small shuffle partitions, turns a join into a broadcast, splits skewed partitions. For that it
 * runs each stage before a shuffle as a job of its own, and plans, optimizes and compiles the next stage
 * only when it ends. A plan without joins whose only shuffles gather everything into one partition (a
 * global aggregate, such as {@code SELECT count(*), avg(p) FROM PREDICT(…)}, or a LIMIT) gives it nothing
 * to change, yet pays that second job and its planning on every execution. Such a plan is handed to a
 * second session of the same SparkContext that has the gateway session's SQL settings with AQE off, and
 * runs as one job of two stages, planned once. Everything else (joins, GROUP BY, ORDER BY, windows,
 * DISTINCT aggregates) keeps the gateway's session and AQE.
 *
 * <p>{@value #SETTING} (a Spark setting, default true) turns this off.
 */
final class AdaptiveExecution {
  /** Spark setting: whether plans AQE cannot improve run without it (true by default). */
  static final String SETTING = "spark.scry.adaptive.skipWhenUseless";

  private static final String AQE = "spark.sql.adaptive.enabled";

  private final org.apache.spark.sql.classic.SparkSession main;
  private org.apache.spark.sql.classic.SparkSession withoutAqe;

  AdaptiveExecution(SparkSession main) {
    this.main = (org.apache.spark.sql.classic.SparkSession) Objects.requireNonNull(main, "main");
  }

  /**
   * {@code result} (analyzed, not yet planned) as it is best run: the same Dataset, or one of the same
   * analyzed plan in the session without AQE when {@code plan} gives AQE nothing to change.
   */
  Dataset<Row> forExecution(RelNode plan, Dataset<Row> result) {
    if (!enabled() || !aqeOn() || !nothingToAdapt(plan)) {
      return result;
    }
    org.apache.spark.sql.classic.Dataset<Row> classic =
        (org.apache.spark.sql.classic.Dataset<Row>) result;
    return org.apache.spark.sql.classic.Dataset.ofRows(
        sessionWithoutAqe(), classic.queryExecution().analyzed());
  }

  private boolean enabled() {
    return Boolean.parseBoolean(main.conf().get(SETTING, "true").trim());
  }

  private boolean aqeOn() {
    return main.sessionState().conf().adaptiveExecutionEnabled();
  }

  /**
   * Whether {@code plan} has a shuffle into one partition and nothing AQE could re-plan: only scans,
   * PREDICT, filters and projections without window functions, aggregates without GROUP BY or DISTINCT,
   * LIMIT without ORDER BY and UNION ALL. Anything else, including operators this list does not know,
   * keeps AQE.
   */
  static boolean nothingToAdapt(RelNode plan) {
    return shape(plan) == Shape.GATHERS;
  }

  /** What a plan's shuffles are, as far as AQE is concerned. */
  private enum Shape {
    /** No shuffle. */
    PLAIN,
    /** Shuffles into one partition only. */
    GATHERS,
    /** Something AQE may re-plan, or an operator not known here. */
    ADAPTIVE
  }

  private static Shape shape(RelNode node) {
    Shape shape = ownShape(node);
    for (RelNode input : node.getInputs()) {
      if (shape == Shape.ADAPTIVE) {
        break;
      }
      Shape below = shape(input);
      shape = below == Shape.PLAIN ? shape : below;
    }
    return shape;
  }

  private static Shape ownShape(RelNode node) {
    if (node instanceof Aggregate aggregate) {
      boolean global =
          aggregate.getGroupSet().isEmpty()
              && aggregate.getGroupSets().size() == 1
              && aggregate.getAggCallList().stream().noneMatch(AggregateCall::isDistinct);
      return global ? Shape.GATHERS : Shape.ADAPTIVE;
    }
    if (node instanceof Sort sort) {
      return sort.getCollation().getFieldCollations().isEmpty() ? Shape.GATHERS : Shape.ADAPTIVE;
    }
    boolean plain;
    if (node instanceof Project project) {
      plain =
          !RexOver.containsOver(project.getProjects(), null)
              && !RexUtil.SubQueryFinder.containsSubQuery(project);
    } else if (node instanceof Filter filter) {
      plain =
          !RexOver.containsOver(filter.getCondition())
              && !RexUtil.SubQueryFinder.containsSubQuery(filter);
    } else if (node instanceof Union union) {
      plain = union.all;
    } else {
      plain = node instanceof TableScan || node instanceof PredictRel || node instanceof Values;
    }
    return plain ? Shape.PLAIN : Shape.ADAPTIVE;
  }

  /**
   * The second session, its SQL settings made those of the gateway's session (which SET and the
   * gateway's configuration change at run time) with AQE off. Shares the SparkContext, so job groups,
   * scheduler pools and listeners see its jobs as any other.
   */
  private synchronized org.apache.spark.sql.classic.SparkSession sessionWithoutAqe() {
    if (withoutAqe == null) {
      withoutAqe = main.newSession();
    }
    Map<String, String> wanted =
        CollectionConverters.asJava(main.sessionState().conf().getAllConfs());
    SQLConf own = withoutAqe.sessionState().conf();
    Map<String, String> has = CollectionConverters.asJava(own.getAllConfs());
    for (Map.Entry<String, String> setting : wanted.entrySet()) {
      if (!setting.getKey().equals(AQE) && !setting.getValue().equals(has.get(setting.getKey()))) {
        own.setConfString(setting.getKey(), setting.getValue());
      }
    }
    for (String key : has.keySet()) {
      if (!wanted.containsKey(key) && !key.equals(AQE)) {
        own.unsetConf(key);
      }
    }
    own.setConfString(AQE, "false");
    return withoutAqe;
  }
}
