package dev.scry.engine.drift;

import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import dev.scry.engine.predict.InputObserver;
import dev.scry.engine.predict.OnnxPredictRunner;
import dev.scry.engine.translate.RelToSpark;
import dev.scry.engine.translate.ScanReader;
import dev.scry.planner.QueryPlan;
import dev.scry.planner.catalog.ModelVersion;
import dev.scry.planner.drift.BaselineStore;
import dev.scry.planner.drift.FeatureColumn;
import dev.scry.planner.drift.FeatureProfile;
import dev.scry.planner.drift.ModelBaseline;
import dev.scry.planner.predict.InputBinding;
import dev.scry.planner.predict.PredictSpec;
import dev.scry.planner.spi.InputMonitor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Model input monitoring on Spark. A baseline is profiled in two passes over its rows (each feature's
 * range with Spark's aggregates, then every statistic and the bins over that range with a
 * {@link DriftAccumulator}). Each model version with a baseline has one accumulator for the life of
 * the gateway; every PREDICT of that version adds its input rows to it in the tasks (a
 * {@link DriftObserver}), and Spark merges the tasks' counts into it on the driver.
 */
public final class SparkInputMonitor implements InputMonitor, Function<PredictSpec, InputObserver> {
  private static final Logger LOG = LoggerFactory.getLogger(SparkInputMonitor.class);

  /** A version's baseline and what PREDICT has scored of it. */
  private record Tracked(ModelBaseline baseline, DriftAccumulator seen) {}

  private final SparkSession spark;
  private final RelToSpark translator;
  private final BaselineStore baselines;

  /** By the version's model file, which no other version shares; empty for one without a baseline. */
  private final Map<String, Optional<Tracked>> byModel = new ConcurrentHashMap<>();

  /** @param scans reads a baseline's tables (a PREDICT inside a baseline query is not monitored) */
  public SparkInputMonitor(SparkSession spark, ScanReader scans, BaselineStore baselines) {
    this.spark = Objects.requireNonNull(spark, "spark");
    this.translator = new RelToSpark(spark, scans, new OnnxPredictRunner());
    this.baselines = Objects.requireNonNull(baselines, "baselines");
  }

  @Override
  public List<FeatureProfile> profile(QueryPlan baseline, List<FeatureColumn> features) {
    Dataset<Row> rows = translator.translate(baseline.rel(), List.of());
    Row ranges = rows.select(rangeColumns(rows, features)).first();
    List<FeatureStats> stats = new ArrayList<>();
    FeatureReader[] readers = new FeatureReader[features.size()];
    for (int i = 0; i < features.size(); i++) {
      FeatureColumn feature = features.get(i);
      double lo = ranges.isNullAt(2 * i) ? 0 : ranges.getDouble(2 * i);
      double hi = ranges.isNullAt(2 * i + 1) ? 0 : ranges.getDouble(2 * i + 1);
      stats.add(new FeatureStats(feature.input(), feature.position(), lo, hi));
      readers[i] = new FeatureReader(feature.field(), feature.element());
    }
    DriftAccumulator profiled = register(new DriftAccumulator(stats));
    rows.foreachPartition(
        (ForeachPartitionFunction<Row>)
            partition -> {
              while (partition.hasNext()) {
                profiled.add(FeatureReader.readAll(readers, partition.next()));
              }
            });
    return profiled.value();
  }

  /** Each feature's min and max over its non-missing values, as doubles, in pairs. */
  private static Column[] rangeColumns(Dataset<Row> rows, List<FeatureColumn> features) {
    List<Column> columns = new ArrayList<>();
    for (FeatureColumn feature : features) {
      Column value = rows.col(rows.columns()[feature.field()]);
      if (feature.element() >= 0) {
        value = element_at(value, feature.element() + 1);
      }
      Column number = value.cast(DataTypes.DoubleType);
      Column present = when(isnan(number), lit(null)).otherwise(number);
      columns.add(min(present));
      columns.add(max(present));
    }
    return columns.toArray(Column[]::new);
  }

  @Override
  public void recorded(ModelVersion version, ModelBaseline baseline) {
    byModel.put(version.location(), Optional.of(track(baseline)));
  }

  @Override
  public List<FeatureProfile> seen(ModelVersion version, ModelBaseline baseline) {
    Optional<Tracked> tracked = tracked(version.location());
    if (tracked.isEmpty()) { // looked up by a PREDICT before its baseline was written: track it now
      recorded(version, baseline);
      return List.of();
    }
    return tracked.get().seen().value();
  }

  /** The observer of a PREDICT: its version's accumulator fed from the DATA fields its inputs bind. */
  @Override
  public InputObserver apply(PredictSpec spec) {
    Optional<Tracked> tracked = tracked(spec.model().location());
    if (tracked.isEmpty()) {
      return InputObserver.NONE;
    }
    List<FeatureProfile> features = tracked.get().baseline().features();
    FeatureReader[] readers = new FeatureReader[features.size()];
    for (int i = 0; i < features.size(); i++) {
      Optional<FeatureReader> reader = readerOf(spec, features.get(i));
      if (reader.isEmpty()) {
        LOG.warn(
            "Inputs of model {} are not monitored in this query: {} is not bound as its baseline"
                + " recorded it",
            spec.model().qualifiedName(),
            features.get(i).name());
        return InputObserver.NONE;
      }
      readers[i] = reader.get();
    }
    return new DriftObserver(readers, tracked.get().seen());
  }

  /** Where a PREDICT's DATA row holds a feature: a field per value, or an element of one array. */
  private static Optional<FeatureReader> readerOf(PredictSpec spec, FeatureProfile feature) {
    int position = Math.max(0, feature.position());
    for (InputBinding binding : spec.inputs()) {
      if (!binding.input().name().equalsIgnoreCase(feature.input())) {
        continue;
      }
      if (binding.source() == InputBinding.Source.ARRAY) {
        return Optional.of(new FeatureReader(binding.fields().get(0), position));
      }
      if (position < binding.fields().size()) {
        return Optional.of(new FeatureReader(binding.fields().get(position), -1));
      }
    }
    return Optional.empty();
  }

  private Optional<Tracked> tracked(String modelLocation) {
    return byModel.computeIfAbsent(
        modelLocation, location -> baselines.read(location).map(this::track));
  }

  private Tracked track(ModelBaseline baseline) {
    List<FeatureStats> stats = new ArrayList<>();
    for (FeatureProfile feature : baseline.features()) {
      stats.add(
          new FeatureStats(feature.input(), feature.position(), feature.min(), feature.max()));
    }
    return new Tracked(baseline, register(new DriftAccumulator(stats)));
  }

  /**
   * Registered without a name: Spark reports a named accumulator's value with every task's end event
   * (to its UI), which would build the profiles once per task for nobody.
   */
  private DriftAccumulator register(DriftAccumulator accumulator) {
    spark.sparkContext().register(accumulator);
    return accumulator;
  }
}
