package dev.scry.engine.predict;

import dev.scry.planner.model.ElementType;
import dev.scry.planner.model.ModelInput;
import dev.scry.planner.predict.BoundPredict;
import dev.scry.planner.predict.PredictSpec;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF10;
import org.apache.spark.sql.api.java.UDF11;
import org.apache.spark.sql.api.java.UDF12;
import org.apache.spark.sql.api.java.UDF13;
import org.apache.spark.sql.api.java.UDF14;
import org.apache.spark.sql.api.java.UDF15;
import org.apache.spark.sql.api.java.UDF16;
import org.apache.spark.sql.api.java.UDF17;
import org.apache.spark.sql.api.java.UDF18;
import org.apache.spark.sql.api.java.UDF19;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.api.java.UDF20;
import org.apache.spark.sql.api.java.UDF21;
import org.apache.spark.sql.api.java.UDF22;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.api.java.UDF5;
import org.apache.spark.sql.api.java.UDF6;
import org.apache.spark.sql.api.java.UDF7;
import org.apache.spark.sql.api.java.UDF8;
import org.apache.spark.sql.api.java.UDF9;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * PREDICT as a Spark SQL function, for Spark developers: {@code ScryPredictUdf.register(spark, "predict_iris",
 * "file:///models/rf_iris.onnx")}, then {@code SELECT predict_iris(a, b, c, d) FROM t}. The arguments are
 * filled like the scalar {@code PREDICT('m', …)} form: for a model with one input, its values per row, in
 * order; for a model with several scalar inputs, one argument per input in graph order. It returns the
 * first output column PREDICT would append (e.g. the label). Scoring uses the same binding, tensor
 * building and per-executor session cache as SQL's PREDICT, one row per call; for throughput over large
 * data prefer the Transformer, which scores whole batches.
 */
public final class ScryPredictUdf {
  /** Spark's Java UDF interfaces stop at 22 arguments. */
  static final int MAX_ARGUMENTS = 22;

  private ScryPredictUdf() {}

  /** Registers the function under {@code name} in {@code spark}'s session and returns it. */
  public static UserDefinedFunction register(SparkSession spark, String name, String modelUri) {
    LoadedModel model = LoadedModel.load(spark, modelUri);
    StructType arguments = argumentSchema(model, modelUri);
    BoundPredict bound = model.bind(arguments, 1);
    StructType scored = SparkOutputTypes.outputSchema(arguments, bound.spec());
    DataType type = scored.fields()[bound.spec().carriedFields().size()].dataType();
    RowScorer score = new RowScorer(bound, arguments, countArguments(arguments));
    // One case per arity of Spark's UDFn interfaces, one line each: the formatter would spread them
    // over five hundred lines.
    // spotless:off
    UserDefinedFunction udf = switch (score.arity) {
      case 1 -> functions.udf((UDF1<Object, Object>) (a0) -> score.apply(new Object[] {a0}), type);
      case 2 -> functions.udf((UDF2<Object, Object, Object>) (a0, a1) -> score.apply(new Object[] {a0, a1}), type);
      case 3 -> functions.udf((UDF3<Object, Object, Object, Object>) (a0, a1, a2) -> score.apply(new Object[] {a0, a1, a2}), type);
      case 4 -> functions.udf((UDF4<Object, Object, Object, Object, Object>) (a0, a1, a2, a3) -> score.apply(new Object[] {a0, a1, a2, a3}), type);
      case 5 -> functions.udf((UDF5<Object, Object, Object, Object, Object, Object>) (a0, a1, a2, a3, a4) -> score.apply(new Object[] {a0, a1, a2, a3, a4}), type);
      case 6 -> functions.udf((UDF6<Object, Object, Object, Object, Object, Object, Object>) (a0, a1, a2, a3, a4, a5) -> score.apply(new Object[] {a0, a1, a2, a3, a4, a5}), type);
      case 7 -> functions.udf((UDF7<Object, Object, Object, Object, Object, Object, Object, Object>) (a0, a1, a2, a3, a4, a5, a6) -> score.apply(new Object[] {a0, a1, a2, a3, a4, a5, a6}), type);
      case 8 -> functions.udf((UDF8<Object, Object, Object, Object, Object, Object, Object, Object, Object>) (a0, a1, a2, a3, a4, a5, a6, a7) -> score.apply(new Object[] {a0, a1, a2, a3, a4, a5, a6, a7}), type);
      case 9 -> functions.udf((UDF9<Object, Object, Object, Object, Object, Object, Object, Object, Object, Object>) (a0, a1, a2, a3, a4, a5, a6, a7, a8) -> score.apply(new Object[] {a0, a1, a2, a3, a4, a5, a6, a7, a8}), type);
      case 10 -> functions.udf((UDF10<Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object>) (a0, a1, a2, a3, a4, a5, a6, a7, a8, a9) -> score.apply(new Object[] {a0, a1, a2, a3, a4, a5, a6, a7, a8, a9}), type);
      case 11 -> functions.udf((UDF11<Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object>) (a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10) -> score.apply(new Object[] {a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10}), type);
      case 12 -> functions.udf((UDF12<Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object>) (a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11) -> score.apply(new Object[] {a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11}), type);
      case 13 -> functions.udf((UDF13<Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object>) (a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12) -> score.apply(new Object[] {a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12}), type);
      case 14 -> functions.udf((UDF14<Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object>) (a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13) -> score.apply(new Object[] {a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13}), type);
      case 15 -> functions.udf((UDF15<Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object>) (a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14) -> score.apply(new Object[] {a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14}), type);
      case 16 -> functions.udf((UDF16<Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object>) (a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15) -> score.apply(new Object[] {a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15}), type);
      case 17 -> functions.udf((UDF17<Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object>) (a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16) -> score.apply(new Object[] {a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16}), type);
      case 18 -> functions.udf((UDF18<Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object>) (a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17) -> score.apply(new Object[] {a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17}), type);
      case 19 -> functions.udf((UDF19<Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object>) (a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18) -> score.apply(new Object[] {a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18}), type);
      case 20 -> functions.udf((UDF20<Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object>) (a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19) -> score.apply(new Object[] {a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19}), type);
      case 21 -> functions.udf((UDF21<Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object>) (a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19, a20) -> score.apply(new Object[] {a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19, a20}), type);
      case 22 -> functions.udf((UDF22<Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object>) (a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19, a20, a21) -> score.apply(new Object[] {a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19, a20, a21}), type);
      default -> throw new IllegalArgumentException("Model " + modelUri + " takes " + score.arity
          + " arguments per row; Spark SQL functions take at most " + MAX_ARGUMENTS
          + ": use ScryPredictTransformer for it");
    };
    // spotless:on
    return spark.udf().register(name, udf);
  }

  /** One field per scalar input, or one DOUBLE array field for a single input of several values per row. */
  private static StructType argumentSchema(LoadedModel model, String modelUri) {
    List<ModelInput> inputs = model.signature().inputs();
    List<StructField> fields = new ArrayList<>();
    if (inputs.size() == 1 && valuesPerRow(inputs.get(0), modelUri) > 1) {
      ModelInput input = inputs.get(0);
      long values = valuesPerRow(input, modelUri);
      fields.add(
          DataTypes.createStructField(
              input.name(),
              DataTypes.createArrayType(elementType(input), true),
              true,
              new MetadataBuilder().putLong("values", values).build()));
    } else {
      for (ModelInput input : inputs) {
        if (valuesPerRow(input, modelUri) != 1) {
          throw new IllegalArgumentException(
              "Model "
                  + modelUri
                  + " input "
                  + input.name()
                  + " "
                  + input.describe()
                  + " takes several values per row, and the model has "
                  + inputs.size()
                  + " inputs: use ScryPredictTransformer for it");
        }
        fields.add(DataTypes.createStructField(input.name(), elementType(input), true));
      }
    }
    return DataTypes.createStructType(fields);
  }

  private static int countArguments(StructType arguments) {
    StructField first = arguments.fields()[0];
    return first.metadata().contains("values")
        ? Math.toIntExact(first.metadata().getLong("values"))
        : arguments.size();
  }

  private static long valuesPerRow(ModelInput input, String modelUri) {
    long values = 1;
    for (long dim :
        input.shape().subList(Math.min(1, input.shape().size()), input.shape().size())) {
      if (dim < 1) {
        throw new IllegalArgumentException(
            "Model "
                + modelUri
                + " input "
                + input.name()
                + " "
                + input.describe()
                + " has a variable number of values per row: use ScryPredictTransformer for it");
      }
      values *= dim;
    }
    return values;
  }

  private static DataType elementType(ModelInput input) {
    if (input.elementType() == ElementType.STRING) {
      return DataTypes.StringType;
    }
    return input.elementType() == ElementType.BOOL ? DataTypes.BooleanType : DataTypes.DoubleType;
  }

  /** Scores the arguments of one call as a batch of one row; serialized into Spark's tasks. */
  static final class RowScorer implements Serializable {
    private static final long serialVersionUID = 1L;
    private final PredictSpec spec;
    private final boolean packed;
    final int arity;

    RowScorer(BoundPredict bound, StructType arguments, int arity) {
      this.spec = bound.spec();
      this.packed = arguments.fields()[0].metadata().contains("values");
      this.arity = arity;
    }

    Object apply(Object[] arguments) {
      Object[] values = Arrays.stream(arguments).map(RowScorer::widen).toArray();
      Row row =
          packed
              ? RowFactory.create(CollectionConverters.asScala(Arrays.asList(values)).toSeq())
              : RowFactory.create(values);
      try (OrtSessionCache.Lease lease = OrtSessionCache.shared().acquire(spec.model())) {
        return new BatchScorer(spec, lease).score(List.of(row))[0][0];
      }
    }

    /** Numbers arrive as whatever SQL type the column has; the bound schema declares DOUBLE. */
    private static Object widen(Object value) {
      return value instanceof Number number && !(value instanceof Double)
          ? number.doubleValue()
          : value;
    }
  }
}
