package dev.scry.planner.mlflow;

import dev.scry.planner.ErrorCode;
import dev.scry.planner.ScryException;
import dev.scry.planner.catalog.Locations;
import dev.scry.planner.spi.FileStore;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * The bytes a model location holds: an ONNX file as it is, or an MLflow model folder (a folder with an
 * {@code MLmodel} file, or that file itself) whose {@code onnx} flavor names the ONNX file.
 */
public record ModelSource(
    String onnxUri, byte[] onnxBytes, Optional<MlflowModel> mlflow, Optional<byte[]> mlmodelBytes) {
  public ModelSource {
    Objects.requireNonNull(onnxUri, "onnxUri");
    Objects.requireNonNull(onnxBytes, "onnxBytes");
    Objects.requireNonNull(mlflow, "mlflow");
    Objects.requireNonNull(mlmodelBytes, "mlmodelBytes");
  }

  public static ModelSource read(FileStore store, String uri) {
    Optional<String> folder = mlflowFolder(store, uri);
    if (folder.isEmpty()) {
      return new ModelSource(uri, bytes(store, uri, "model"), Optional.empty(), Optional.empty());
    }
    String descriptorUri = Locations.child(folder.get(), MlflowModel.DESCRIPTOR);
    byte[] descriptor = bytes(store, descriptorUri, "MLflow descriptor");
    MlflowModel model = MlflowModel.parse(descriptor, descriptorUri);
    if (!model.hasOnnxFlavor()) {
      throw new ScryException(
          "The MLflow model '"
              + folder.get()
              + "' has no onnx flavor (its flavors: "
              + model.flavors()
              + "); Scry scores ONNX models only. Export it to ONNX, e.g. with skl2onnx, "
              + "tf2onnx or torch.onnx, and log it with mlflow.onnx.log_model (or save it with mlflow.onnx.save_model)");
    }
    String onnxUri = Locations.child(folder.get(), model.onnxDataFile().get());
    return new ModelSource(
        onnxUri,
        bytes(store, onnxUri, "ONNX file of the MLflow model"),
        Optional.of(model),
        Optional.of(descriptor));
  }

  /** The MLflow folder {@code uri} names, if it is one: the folder itself, or the MLmodel file in it. */
  private static Optional<String> mlflowFolder(FileStore store, String uri) {
    String trimmed = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    if (trimmed.endsWith("/" + MlflowModel.DESCRIPTOR)) {
      return Optional.of(
          trimmed.substring(0, trimmed.length() - MlflowModel.DESCRIPTOR.length() - 1));
    }
    try {
      return store.exists(Locations.child(trimmed, MlflowModel.DESCRIPTOR))
          ? Optional.of(trimmed)
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static byte[] bytes(FileStore store, String uri, String what) {
    try {
      return store.read(uri);
    } catch (IOException e) {
      throw new ScryException(
          ErrorCode.STORAGE, "Cannot read the " + what + " at '" + uri + "': " + e.getMessage(), e);
    }
  }
}
