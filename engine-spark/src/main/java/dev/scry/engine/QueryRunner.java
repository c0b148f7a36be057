package dev.scry.engine;

import dev.scry.engine.predict.PredictRunner;
import dev.scry.engine.translate.RelToSpark;
import dev.scry.engine.translate.ScanReader;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.rel.RelNode;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Runs optimized Calcite plans on Spark: as Datasets (for EXPLAIN and writes) or as streamed results. */
public final class QueryRunner {
  private final SparkSession spark;
  private final RelToSpark translator;

  public QueryRunner(SparkSession spark, ScanReader scanReader, PredictRunner predictRunner) {
    this.spark = Objects.requireNonNull(spark, "spark");
    this.translator = new RelToSpark(spark, scanReader, predictRunner);
  }

  /** The Dataset computing {@code plan}, columns named and typed as its Calcite row type. Runs nothing. */
  public Dataset<Row> toDataset(RelNode plan, List<Object> parameters) {
    return translator.translate(plan, parameters);
  }

  /**
   * Starts {@code plan} and returns its rows as a cursor. All Spark jobs of this execution run in job
   * group {@code jobGroupId}, which must be unique per execution; {@link #cancel} stops them.
   */
  public ResultCursor execute(RelNode plan, List<Object> parameters, String jobGroupId, String description) {
    Objects.requireNonNull(jobGroupId, "jobGroupId");
    Dataset<Row> result = toDataset(plan, parameters);
    SparkContext context = spark.sparkContext();
    Iterator<Row> rows;
    // Planning the Dataset may already run jobs (sampling for a sort, broadcasts), so inside the group.
    try (JobGroup group = JobGroup.enter(context, jobGroupId, description)) {
      rows = result.toLocalIterator();
    }
    ZoneId zone = ZoneId.of(spark.conf().get("spark.sql.session.timeZone"));
    return new ResultCursor(context, jobGroupId, description, result.schema(), rows, new JavaValues(zone));
  }

  /** Cancels the running and future jobs of an execution; its cursor then fails on the next step. */
  public void cancel(String jobGroupId) {
    spark.sparkContext().cancelJobGroupAndFutureJobs(jobGroupId);
  }
}
