package dev.scry.engine.translate;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.catalyst.plans.logical.Aggregate;
import org.apache.spark.sql.catalyst.plans.logical.Filter;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.catalyst.plans.logical.Union;
import org.apache.spark.sql.classic.SparkSession;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Selects, filters, unions and aggregates stacked on a Dataset without analyzing each step. Classic Spark analyzes
 * every Dataset eagerly, so a chain of {@code select}/{@code where} calls costs one run of the analyzer
 * per call; a short query spent more time there than running. Here the steps are Spark's own logical
 * operators ({@code Project}, {@code Filter}, {@code Union}, {@code Aggregate}, built as
 * {@code Dataset.select}, {@code where}, {@code union} and {@code groupBy(…).agg} build them) and {@link #toDataset} analyzes the whole chain once. This leans on
 * Spark's classic internals (the session's Column to expression conversion, {@code Dataset.ofRows}), kept
 * to this class.
 *
 * @param analyzed the Dataset whose plan {@code plan} is, when nothing has been stacked on it; else null
 */
public record DeferredDataset(SparkSession spark, LogicalPlan plan, Dataset<Row> analyzed) {
  public DeferredDataset {
    Objects.requireNonNull(spark, "spark");
    Objects.requireNonNull(plan, "plan");
  }

  public static DeferredDataset of(Dataset<Row> data) {
    org.apache.spark.sql.classic.Dataset<Row> classic =
        (org.apache.spark.sql.classic.Dataset<Row>) data;
    return new DeferredDataset(classic.sparkSession(), classic.logicalPlan(), data);
  }

  /** The rows of every input, matched by position (as {@code Dataset.union}); at least one input. */
  public static DeferredDataset union(List<DeferredDataset> inputs) {
    if (inputs.size() == 1) {
      return inputs.get(0);
    }
    List<LogicalPlan> plans = inputs.stream().map(DeferredDataset::plan).toList();
    return new DeferredDataset(
        inputs.get(0).spark(),
        new Union(CollectionConverters.asScala(plans).toList(), false, false),
        null);
  }

  public DeferredDataset where(Column condition) {
    return new DeferredDataset(spark, new Filter(spark.toRichColumn(condition).expr(), plan), null);
  }

  public DeferredDataset select(Column... columns) {
    List<NamedExpression> named =
        Arrays.stream(columns).map(c -> spark.toRichColumn(c).named()).toList();
    return new DeferredDataset(
        spark, new Project(CollectionConverters.asScala(named).toList(), plan), null);
  }

  /**
   * The rows grouped by {@code keys} (none: one group of all rows), one row per group with
   * {@code columns}, which name the keys they repeat and the aggregates: {@code Dataset.groupBy(keys)
   * .agg(…)} with the kept grouping columns in {@code columns}.
   */
  public DeferredDataset aggregate(List<Column> keys, List<Column> columns) {
    List<Expression> grouping = keys.stream().map(c -> spark.toRichColumn(c).expr()).toList();
    List<NamedExpression> named = columns.stream().map(c -> spark.toRichColumn(c).named()).toList();
    return new DeferredDataset(
        spark,
        new Aggregate(
            CollectionConverters.asScala(grouping).toList(),
            CollectionConverters.asScala(named).toList(),
            plan,
            Aggregate.apply$default$4()),
        null);
  }

  /** The Dataset of the whole chain, analyzed once now (an analysis error is thrown here). */
  public Dataset<Row> toDataset() {
    return analyzed != null ? analyzed : org.apache.spark.sql.classic.Dataset.ofRows(spark, plan);
  }
}
