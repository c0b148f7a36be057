package dev.scry.engine.predict;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;

import dev.scry.planner.model.ModelInput;
import dev.scry.planner.predict.BatchSizePolicy;
import dev.scry.planner.predict.BoundPredict;
import dev.scry.planner.predict.OutputColumn;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * PREDICT as a Spark ML Transformer, for pipelines written in Spark: scores an ONNX model (a file or an
 * MLflow folder, any Hadoop URI) on a DataFrame with the same binding and scoring code as SQL's PREDICT.
 *
 * <ul>
 *   <li>{@code modelUri}: where the model is.</li>
 *   <li>{@code inputCols} (optional): the columns that feed the model. Empty: each input takes the column
 *       of its name. One column per input: in the graph's input order. Several columns for a model with a
 *       single input: packed, in order, into the values of each row (as {@code PREDICT('m', a, b, …)}).</li>
 *   <li>{@code outputCols} (optional): new names for the output columns PREDICT appends, in order.</li>
 *   <li>{@code batchSize}: rows per ONNX Runtime call.</li>
 * </ul>
 * The result is every input row's columns followed by the output columns.
 */
public final class ScryPredictTransformer extends Transformer {
  private static final long serialVersionUID = 1L;
  private static final String INTERNAL_PREFIX = "__scry_data_";

  private final String uid;
  private final Param<String> modelUri;
  private final StringArrayParam inputCols;
  private final StringArrayParam outputCols;
  private final IntParam batchSize;

  public ScryPredictTransformer() {
    this(Identifiable$.MODULE$.randomUID("scryPredict"));
  }

  public ScryPredictTransformer(String uid) {
    this.uid = uid;
    modelUri = new Param<>(this, "modelUri", "URI of the ONNX model file or MLflow model folder");
    inputCols =
        new StringArrayParam(
            this, "inputCols", "columns feeding the model (empty: bind by input name)");
    outputCols =
        new StringArrayParam(
            this, "outputCols", "names of the output columns (empty: PREDICT's names)");
    batchSize = new IntParam(this, "batchSize", "rows per ONNX Runtime call");
    setDefault(inputCols, new String[0]);
    setDefault(outputCols, new String[0]);
    setDefault(batchSize, BatchSizePolicy.DEFAULT_BATCH_SIZE);
  }

  public ScryPredictTransformer setModelUri(String value) {
    set(modelUri, value);
    return this;
  }

  public ScryPredictTransformer setInputCols(String... value) {
    set(inputCols, value);
    return this;
  }

  public ScryPredictTransformer setOutputCols(String... value) {
    set(outputCols, value);
    return this;
  }

  public ScryPredictTransformer setBatchSize(int value) {
    if (value < 1) {
      throw new IllegalArgumentException("batchSize must be positive: " + value);
    }
    set(batchSize, value);
    return this;
  }

  public Param<String> modelUri() {
    return modelUri;
  }

  public StringArrayParam inputCols() {
    return inputCols;
  }

  public StringArrayParam outputCols() {
    return outputCols;
  }

  public IntParam batchSize() {
    return batchSize;
  }

  @Override
  public String uid() {
    return uid;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    Dataset<Row> data = dataset.toDF();
    return new Scoring(LoadedModel.load(data.sparkSession(), requiredModelUri()), data).result();
  }

  @Override
  public StructType transformSchema(StructType schema) {
    SparkSession spark = SparkSession.active();
    Dataset<Row> empty = spark.createDataFrame(List.of(), schema);
    return new Scoring(LoadedModel.load(spark, requiredModelUri()), empty).result().schema();
  }

  @Override
  public ScryPredictTransformer copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  private String requiredModelUri() {
    if (!isDefined(modelUri)) {
      throw new IllegalArgumentException("ScryPredictTransformer " + uid + ": set modelUri");
    }
    return $(modelUri);
  }

  /** One transform: the data with its feed columns, bound, scored, and given back its own column names. */
  private final class Scoring {
    private final LoadedModel model;
    private final Dataset<Row> data;

    Scoring(LoadedModel model, Dataset<Row> data) {
      this.model = model;
      this.data = data;
    }

    Dataset<Row> result() {
      String[] feeds = $(inputCols);
      String[] names = data.columns();
      Dataset<Row> prepared = feeds.length == 0 ? data : withFeeds(feeds, names);
      BoundPredict bound = model.bind(prepared.schema(), (Integer) $(batchSize));
      Dataset<Row> scored = new OnnxPredictRunner().predict(prepared, bound.spec());

      List<Column> selected = new ArrayList<>();
      Set<String> taken = new HashSet<>();
      for (int k = 0; k < names.length; k++) {
        selected.add(col(feeds.length == 0 ? quoted(names[k]) : INTERNAL_PREFIX + k).as(names[k]));
        taken.add(names[k].toLowerCase(Locale.ROOT));
      }
      List<OutputColumn> outputs = bound.spec().outputs();
      String[] renamed = $(outputCols);
      if (renamed.length > 0 && renamed.length != outputs.size()) {
        throw new IllegalArgumentException(
            "outputCols names "
                + renamed.length
                + " columns, but model "
                + $(modelUri)
                + " produces "
                + outputs.size()
                + ": "
                + outputs.stream().map(OutputColumn::columnName).toList());
      }
      for (int i = 0; i < outputs.size(); i++) {
        String name = renamed.length > 0 ? renamed[i] : outputs.get(i).columnName();
        while (!taken.add(name.toLowerCase(Locale.ROOT))) {
          name = name + "_predicted";
        }
        selected.add(col(quoted(outputs.get(i).columnName())).as(name));
      }
      return scored.select(selected.toArray(Column[]::new));
    }

    /** The data's columns under internal names, then one column per model input named as that input. */
    private Dataset<Row> withFeeds(String[] feeds, String[] names) {
      List<Column> columns = new ArrayList<>();
      for (int k = 0; k < names.length; k++) {
        columns.add(col(quoted(names[k])).as(INTERNAL_PREFIX + k));
      }
      List<ModelInput> inputs = model.signature().inputs();
      if (inputs.size() == 1 && feeds.length > 1) {
        Column[] packed = new Column[feeds.length];
        for (int i = 0; i < feeds.length; i++) {
          packed[i] = col(quoted(feeds[i])).cast("double");
        }
        columns.add(array(packed).as(inputs.get(0).name()));
      } else if (feeds.length == inputs.size()) {
        for (int i = 0; i < feeds.length; i++) {
          columns.add(col(quoted(feeds[i])).as(inputs.get(i).name()));
        }
      } else {
        throw new IllegalArgumentException(
            "inputCols names "
                + feeds.length
                + " columns, but model "
                + $(modelUri)
                + " has "
                + inputs.size()
                + " inputs: "
                + inputs.stream().map(i -> i.name() + " " + i.describe()).toList());
      }
      return data.select(columns.toArray(Column[]::new));
    }
  }

  private static String quoted(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}
