package dev.scry.engine.predict;

import dev.scry.engine.SparkTypes;
import dev.scry.engine.storage.HadoopFileStore;
import dev.scry.planner.catalog.ColumnTypes;
import dev.scry.planner.mlflow.MlflowModel;
import dev.scry.planner.mlflow.ModelSource;
import dev.scry.planner.mlflow.SignatureCheck;
import dev.scry.planner.model.ModelSignature;
import dev.scry.planner.model.OnnxModelReader;
import dev.scry.planner.predict.BoundPredict;
import dev.scry.planner.predict.ModelRef;
import dev.scry.planner.predict.PredictBinder;
import java.io.Serializable;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A model read from a URI (an ONNX file or an MLflow folder) for Spark code that scores without the
 * gateway: the Transformer and the UDF. Binding goes through the same {@link PredictBinder} as SQL.
 */
public record LoadedModel(ModelRef ref, ModelSignature signature) implements Serializable {
  public LoadedModel {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(signature, "signature");
  }

  public static LoadedModel load(SparkSession spark, String modelUri) {
    ModelSource source = ModelSource.read(new HadoopFileStore(spark), modelUri);
    ModelSignature signature;
    try {
      signature = OnnxModelReader.read(source.onnxBytes());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "'" + source.onnxUri() + "' is not a readable ONNX model: " + e.getMessage(), e);
    }
    source
        .mlflow()
        .flatMap(MlflowModel::signature)
        .ifPresent(s -> SignatureCheck.check(s, signature, modelUri));
    return new LoadedModel(
        new ModelRef(modelUri, 0, source.onnxUri(), sha256(source.onnxBytes())), signature);
  }

  /** Binds the model's inputs to the fields of {@code schema} by name, as PREDICT's table form does. */
  public BoundPredict bind(StructType schema, int batchSize) {
    RelDataTypeFactory types = new JavaTypeFactoryImpl();
    RelDataTypeFactory.Builder row = types.builder();
    for (StructField field : schema.fields()) {
      RelDataType type =
          ColumnTypes.toRelDataType(
              SparkTypes.toColumnType(field.dataType()), field.nullable(), types);
      row.add(field.name(), type);
    }
    return PredictBinder.bind(ref, signature, batchSize, row.build(), types);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
