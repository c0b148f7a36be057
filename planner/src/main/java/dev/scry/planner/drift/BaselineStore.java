package dev.scry.planner.drift;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.scry.planner.ErrorCode;
import dev.scry.planner.ScryException;
import dev.scry.planner.spi.FileStore;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps each model version's baseline as {@code baseline.json} beside its {@code model.onnx} in the
 * registry's folder, not in the catalog's JSON: a version's files never change once written, and the
 * catalog stays small. DROP MODEL removes the folder, and the baseline with it.
 */
public final class BaselineStore {
  static final String FILE = "baseline.json";

  /** NaN (the mean of an input that was always NULL) is written as Jackson writes it, and read back. */
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .build();

  private final FileStore files;

  public BaselineStore(FileStore files) {
    this.files = Objects.requireNonNull(files, "files");
  }

  /** The baseline's URI for the version whose model file is at {@code modelUri}. */
  static String uriFor(String modelUri) {
    int slash = modelUri.lastIndexOf('/');
    return modelUri.substring(0, slash + 1) + FILE;
  }

  public void write(String modelUri, ModelBaseline baseline) {
    try {
      files.write(uriFor(modelUri), MAPPER.writeValueAsBytes(baseline));
    } catch (IOException e) {
      throw new ScryException(
          ErrorCode.STORAGE, "Cannot write the model's baseline into the registry: retry", e);
    }
  }

  /** The baseline of the version stored at {@code modelUri}, if one was recorded. */
  public Optional<ModelBaseline> read(String modelUri) {
    String uri = uriFor(modelUri);
    try {
      if (!files.exists(uri)) {
        return Optional.empty();
      }
      return Optional.of(MAPPER.readValue(files.read(uri), ModelBaseline.class));
    } catch (IOException e) {
      throw new ScryException(
          ErrorCode.STORAGE, "Cannot read the model's baseline from the registry: retry", e);
    }
  }
}
