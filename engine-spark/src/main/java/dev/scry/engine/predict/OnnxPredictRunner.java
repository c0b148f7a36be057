package dev.scry.engine.predict;

import dev.scry.planner.predict.InputBinding;
import dev.scry.planner.predict.PredictSpec;
import java.util.Objects;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Runs PREDICT with ONNX Runtime inside Spark tasks: each partition is scored in batches by a
 * {@link PartitionScorer}, with one session per model version per executor JVM.
 */
public final class OnnxPredictRunner implements PredictRunner {
  private final ModelUsage usage;
  private final Function<PredictSpec, ScoringObserver> observers;
  private final Function<PredictSpec, InputObserver> inputs;

  /** Scoring counted nowhere but in Spark's accumulators (the Transformer, tests). */
  public OnnxPredictRunner() {
    this(new ModelUsage());
  }

  /** Scoring counted per model version into {@code usage} (the gateway's). */
  public OnnxPredictRunner(ModelUsage usage) {
    this(usage, spec -> ScoringObserver.NONE, spec -> InputObserver.NONE);
  }

  /**
   * @param usage the gateway's per model version counters
   * @param observers the observer of each PREDICT's batches, asked once per PREDICT of a plan
   * @param inputs the observer of each PREDICT's input rows, asked once per PREDICT of a plan
   */
  public OnnxPredictRunner(
      ModelUsage usage,
      Function<PredictSpec, ScoringObserver> observers,
      Function<PredictSpec, InputObserver> inputs) {
    this.usage = Objects.requireNonNull(usage, "usage");
    this.observers = Objects.requireNonNull(observers, "observers");
    this.inputs = Objects.requireNonNull(inputs, "inputs");
  }

  @Override
  public Dataset<Row> predict(Dataset<Row> data, PredictSpec spec) {
    StructType dataSchema = data.schema();
    for (InputBinding binding : spec.inputs()) {
      for (int i = 0; i < binding.fields().size(); i++) {
        int field = binding.fields().get(i);
        if (field < 0 || field >= dataSchema.size()) {
          throw new IllegalArgumentException(
              "Input '"
                  + binding.input().name()
                  + "' of model "
                  + spec.model().qualifiedName()
                  + " is bound to field "
                  + field
                  + " ("
                  + binding.fieldNames().get(i)
                  + ") but the data has "
                  + dataSchema.size()
                  + " fields");
        }
      }
    }
    StructType schema = SparkOutputTypes.outputSchema(dataSchema, spec);
    ScoringTally tally = usage.tally(data.sparkSession().sparkContext(), spec.model());
    return data.mapPartitions(
        new PartitionScorer(spec, tally, observers.apply(spec), inputs.apply(spec)),
        Encoders.row(schema));
  }
}
