package dev.scry.planner.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.scry.planner.ScryException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What Scry reads of an MLflow model folder's {@code MLmodel} file: the flavors it was saved with, the file
 * the {@code onnx} flavor stores the graph in, and the signature, if any.
 */
public record MlflowModel(
    List<String> flavors, Optional<String> onnxDataFile, Optional<MlflowSignature> signature) {
  /** The name MLflow gives the descriptor in a model folder. */
  public static final String DESCRIPTOR = "MLmodel";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  public MlflowModel {
    flavors = List.copyOf(flavors);
    Objects.requireNonNull(onnxDataFile, "onnxDataFile");
    Objects.requireNonNull(signature, "signature");
  }

  /** Parses an MLmodel file; {@code uri} names it in errors. */
  public static MlflowModel parse(byte[] mlmodel, String uri) {
    JsonNode root;
    try {
      root = YAML.readTree(mlmodel);
    } catch (IOException e) {
      throw new ScryException(
          "The MLflow descriptor '" + uri + "' is not valid YAML: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject() || !root.path("flavors").isObject()) {
      throw new ScryException("The MLflow descriptor '" + uri + "' has no 'flavors' section");
    }
    List<String> flavors = new ArrayList<>();
    root.path("flavors").fieldNames().forEachRemaining(flavors::add);
    JsonNode onnx = root.path("flavors").path("onnx");
    Optional<String> data =
        onnx.isMissingNode()
            ? Optional.empty()
            : Optional.of(onnx.path("data").asText("model.onnx"));
    Optional<MlflowSignature> signature = Optional.empty();
    JsonNode section = root.path("signature");
    if (section.isObject()) {
      signature =
          Optional.of(
              new MlflowSignature(
                  columns(section.path("inputs"), uri, "inputs"),
                  columns(section.path("outputs"), uri, "outputs")));
    }
    return new MlflowModel(flavors, data, signature);
  }

  public boolean hasOnnxFlavor() {
    return onnxDataFile.isPresent();
  }

  /** MLflow stores each half of the signature as a JSON string inside the YAML. */
  private static List<MlflowColumn> columns(JsonNode node, String uri, String part) {
    if (node.isMissingNode() || node.isNull()) {
      return List.of();
    }
    JsonNode specs;
    try {
      specs = node.isTextual() ? JSON.readTree(node.asText()) : node;
    } catch (IOException e) {
      throw new ScryException(
          "The signature " + part + " in '" + uri + "' are not valid JSON: " + e.getMessage(), e);
    }
    if (!specs.isArray()) {
      throw new ScryException(
          "The signature " + part + " in '" + uri + "' are not a list of column specs");
    }
    List<MlflowColumn> columns = new ArrayList<>();
    for (JsonNode spec : specs) {
      String name = spec.path("name").isTextual() ? spec.path("name").asText() : "";
      String type = spec.path("type").asText("");
      if (type.isEmpty()) {
        throw new ScryException(
            "A signature " + part + " entry in '" + uri + "' has no type: " + spec);
      }
      JsonNode tensor = spec.path("tensor-spec");
      List<Long> shape = new ArrayList<>();
      for (Iterator<JsonNode> it = tensor.path("shape").elements(); it.hasNext(); ) {
        shape.add(it.next().asLong());
      }
      columns.add(new MlflowColumn(name, type, tensor.path("dtype").asText(""), shape));
    }
    return columns;
  }
}
