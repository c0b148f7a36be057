package dev.scry.planner.ddl;

import dev.scry.planner.catalog.ModelRegistry;
import dev.scry.planner.catalog.ModelVersion;
import dev.scry.planner.mlflow.MlflowColumn;
import dev.scry.planner.model.ElementType;
import dev.scry.planner.model.ModelInput;
import dev.scry.planner.model.ModelOutput;
import dev.scry.planner.model.TensorOutput;
import dev.scry.planner.predict.OutputColumn;
import dev.scry.planner.predict.OutputSqlTypes;
import dev.scry.planner.predict.PredictBinder;
import dev.scry.planner.predict.PredictBindingException;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of DESCRIBE MODEL: each input with its ONNX type, shape and the SQL value it takes; each output
 * with its ONNX type, shape and the SQL columns PREDICT makes of it; for an MLflow model its signature
 * (kinds {@code mlflow input} and {@code mlflow output}, MLflow's type in detail); then the version's properties.
 * Columns: kind, name, onnx_type, shape, sql_type, detail.
 */
final class ModelDescription {
  private ModelDescription() {}

  static List<List<Object>> rows(ModelRegistry.ResolvedModel model) {
    List<List<Object>> rows = new ArrayList<>();
    for (ModelInput input : model.signature().inputs()) {
      rows.add(
          List.of(
              "input",
              input.name(),
              "tensor(" + input.elementType().onnxName() + ")",
              input.shape().toString(),
              inputSqlType(input),
              ""));
    }
    for (ModelOutput output : model.signature().outputs()) {
      String onnxType =
          output instanceof TensorOutput tensor
              ? "tensor(" + tensor.elementType().onnxName() + ")"
              : output.describe();
      String shape = output instanceof TensorOutput tensor ? tensor.shape().toString() : "[-1]";
      rows.add(
          List.of("output", output.name(), onnxType, shape, outputSqlColumns(model, output), ""));
    }
    model
        .mlflow()
        .ifPresent(
            mlflow -> {
              mlflow
                  .signature()
                  .ifPresent(
                      signature -> {
                        signature
                            .inputs()
                            .forEach(column -> rows.add(signatureRow("mlflow input", column)));
                        signature
                            .outputs()
                            .forEach(column -> rows.add(signatureRow("mlflow output", column)));
                      });
              rows.add(property("mlflow_flavors", String.join(", ", mlflow.flavors())));
            });
    ModelVersion version = model.version();
    rows.add(property("version", String.valueOf(version.version())));
    rows.add(property("source", version.sourceUri()));
    rows.add(property("location", version.location()));
    rows.add(property("sha256", version.sha256()));
    rows.add(
        property(
            "batch_size",
            version.batchSize() > 0 ? String.valueOf(version.batchSize()) : "default"));
    rows.add(property("description", version.description()));
    rows.add(property("created_at", String.valueOf(version.createdAt())));
    return rows;
  }

  /** The rows of {@link #rows(ModelRegistry.ResolvedModel)}, then the aliases that point at it. */
  static List<List<Object>> rows(ModelRegistry.ResolvedModel model, List<String> aliases) {
    List<List<Object>> rows = new ArrayList<>(rows(model));
    rows.add(property("aliases", String.join(", ", aliases)));
    return rows;
  }

  /** An entry of the MLflow signature: its MLflow type in detail, the SQL type it corresponds to. */
  private static List<Object> signatureRow(String kind, MlflowColumn column) {
    String sqlType =
        column.elementType().flatMap(OutputSqlTypes::sqlTypeOf).map(Enum::name).orElse("");
    return List.of(
        kind,
        column.name(),
        "",
        column.isTensor() ? column.shape().toString() : "",
        sqlType,
        column.describe());
  }

  private static List<Object> property(String name, String value) {
    return List.of("property", name, "", "", "", value == null ? "" : value);
  }

  /** What a DATA column must hold to feed the input: a scalar, or an ARRAY of the per-row value count. */
  private static String inputSqlType(ModelInput input) {
    String element =
        input.elementType() == ElementType.STRING
            ? "VARCHAR"
            : input.elementType() == ElementType.BOOL ? "BOOLEAN" : "number";
    long values = 1;
    for (long dim :
        input.shape().subList(Math.min(1, input.shape().size()), input.shape().size())) {
      if (dim < 1) {
        return "ARRAY of " + element + " (variable length)";
      }
      values *= dim;
    }
    return values == 1
        ? element
        : "ARRAY of " + values + " " + (element.equals("number") ? "numbers" : element);
  }

  private static String outputSqlColumns(ModelRegistry.ResolvedModel model, ModelOutput output) {
    try {
      List<OutputColumn> columns = PredictBinder.outputColumns(model.version().ref(), output);
      List<String> described = new ArrayList<>();
      for (OutputColumn column : columns) {
        String type = OutputSqlTypes.sqlTypeOf(column.elementType()).map(Enum::name).orElse("?");
        described.add(
            column.columnName()
                + " "
                + (column.extract() instanceof OutputColumn.Array ? type + " ARRAY" : type));
      }
      return String.join(", ", described);
    } catch (PredictBindingException e) {
      return "not scorable: " + e.getMessage();
    }
  }
}
