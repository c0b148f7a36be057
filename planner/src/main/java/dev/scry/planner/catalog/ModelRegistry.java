package dev.scry.planner.catalog;

import dev.scry.planner.ErrorCode;
import dev.scry.planner.ScryException;
import dev.scry.planner.mlflow.MlflowModel;
import dev.scry.planner.mlflow.ModelSource;
import dev.scry.planner.mlflow.SignatureCheck;
import dev.scry.planner.model.ModelSignature;
import dev.scry.planner.model.OnnxModelReader;
import dev.scry.planner.spi.FileStore;
import dev.scry.planner.spi.ModelRuntime;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Registers models and resolves the names SQL uses for them. Registering copies the model's bytes into
 * the registry under the warehouse, so a later change to the source file cannot change a registered
 * version's predictions; each version is identified by the SHA-256 of its bytes.
 */
public final class ModelRegistry {
  private final Catalog catalog;
  private final FileStore store;
  private final String registryUri;
  private final LocationPolicy locations;
  private final ModelRuntime runtime;
  private final Map<String, ModelSignature> signaturesBySha = new ConcurrentHashMap<>();

  /** The MLflow descriptor kept next to each registered version's bytes, if it came from an MLflow folder. */
  private final Map<String, Optional<MlflowModel>> mlflowByLocation = new ConcurrentHashMap<>();

  public ModelRegistry(
      Catalog catalog, FileStore store, String warehouseUri, LocationPolicy locations) {
    this(catalog, store, warehouseUri, locations, ModelRuntime.NONE);
  }

  public ModelRegistry(
      Catalog catalog,
      FileStore store,
      String warehouseUri,
      LocationPolicy locations,
      ModelRuntime runtime) {
    this.runtime = Objects.requireNonNull(runtime, "runtime");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.store = Objects.requireNonNull(store, "store");
    this.registryUri = Locations.child(warehouseUri, "_scry/models");
    this.locations = Objects.requireNonNull(locations, "locations");
  }

  /** A model version together with its signature and, for an MLflow model, its MLmodel descriptor. */
  public record ResolvedModel(
      ModelVersion version, ModelSignature signature, Optional<MlflowModel> mlflow) {
    public ResolvedModel {
      Objects.requireNonNull(mlflow, "mlflow");
    }

    public ResolvedModel(ModelVersion version, ModelSignature signature) {
      this(version, signature, Optional.empty());
    }
  }

  /** Registers {@code sourceUri} as a new model, or as a new version of it with {@code orReplace}. */
  public ModelVersion register(
      String name,
      String sourceUri,
      int batchSize,
      String description,
      boolean orReplace,
      boolean ifNotExists) {
    var existing = catalog.snapshot().model(name);
    if (existing.isPresent() && !orReplace) {
      if (ifNotExists) {
        return existing.get().latest();
      }
      throw new ScryException(
          ErrorCode.ALREADY_EXISTS,
          "Model '" + name + "' already exists; use CREATE OR REPLACE MODEL to add a version");
    }
    String source = locations.check(sourceUri, "model location");
    ModelSource read = ModelSource.read(store, source);
    byte[] bytes = read.onnxBytes();
    ModelSignature signature = parse(bytes, read.onnxUri());
    read.mlflow()
        .flatMap(MlflowModel::signature)
        .ifPresent(declared -> SignatureCheck.check(declared, signature, source));
    runtime.checkLoadable(name, read.onnxUri(), bytes);
    String sha = sha256(bytes);
    int version = existing.map(e -> e.latest().version() + 1).orElse(1);
    String folder = Locations.child(registryUri, name.toLowerCase(Locale.ROOT) + "/" + version);
    String location = Locations.child(folder, "model.onnx");
    try {
      // The descriptor first: a version whose model.onnx exists is complete.
      if (read.mlmodelBytes().isPresent()) {
        store.write(Locations.child(folder, MlflowModel.DESCRIPTOR), read.mlmodelBytes().get());
      }
      store.write(location, bytes);
    } catch (IOException e) {
      throw new ScryException(
          ErrorCode.STORAGE,
          "Cannot copy model '" + name + "' into the registry: " + e.getMessage(),
          e);
    }
    signaturesBySha.put(sha, signature);
    mlflowByLocation.put(location, read.mlflow());
    ModelVersion registered =
        new ModelVersion(
            existing.map(CatalogSnapshot.ModelEntry::name).orElse(name),
            version,
            source,
            location,
            sha,
            batchSize,
            description,
            Instant.now());
    catalog.addModelVersion(registered);
    return registered;
  }

  /** Drops every version of a model and its stored bytes. */
  public boolean drop(String name, boolean ifExists) {
    var entry = catalog.snapshot().model(name);
    boolean dropped = catalog.dropModel(name, ifExists);
    if (dropped && entry.isPresent()) {
      releaseUnused(entry.get());
      try {
        store.deleteRecursively(
            Locations.child(registryUri, entry.get().name().toLowerCase(Locale.ROOT)));
      } catch (IOException e) {
        // The catalog no longer names the files; leftover bytes are harmless and are overwritten
        // later.
      }
    }
    return dropped;
  }

  /** Releases the runtime's sessions of the dropped versions whose bytes no remaining model version shares. */
  private void releaseUnused(CatalogSnapshot.ModelEntry dropped) {
    Set<String> stillUsed = new HashSet<>();
    for (CatalogSnapshot.ModelEntry model : catalog.snapshot().sortedModels()) {
      model.versions().forEach(v -> stillUsed.add(v.sha256().toLowerCase(Locale.ROOT)));
    }
    for (ModelVersion version : dropped.versions()) {
      if (!stillUsed.contains(version.sha256().toLowerCase(Locale.ROOT))) {
        runtime.release(version.sha256());
      }
    }
  }

  /**
   * Resolves what SQL names a model against the catalog as it is now: {@code name} (the latest
   * version), {@code name:version}, {@code name@version}, {@code name@alias}, or a model URI (scored as
   * it is, without registration).
   */
  public ResolvedModel resolve(String reference) {
    return resolve(reference, catalog.snapshot());
  }

  /**
   * The model names of one statement, resolved against {@code snapshot}: a statement planned against
   * one snapshot sees one version per name, however its aliases move meanwhile.
   */
  public StatementModels forStatement(CatalogSnapshot snapshot) {
    return new StatementModels(this, snapshot);
  }

  /** Resolves {@code reference} as {@link #resolve(String)} does, against {@code snapshot}. */
  ResolvedModel resolve(String reference, CatalogSnapshot snapshot) {
    if (reference.contains("://") || reference.startsWith("file:")) {
      return resolveUri(reference);
    }
    ModelVersion version = ModelReference.parse(reference).version(snapshot);
    return new ResolvedModel(version, signature(version), mlflow(version));
  }

  private ResolvedModel resolveUri(String reference) {
    String source = locations.check(reference, "model location");
    ModelSource read = ModelSource.read(store, source);
    byte[] bytes = read.onnxBytes();
    String sha = sha256(bytes);
    ModelSignature signature =
        signaturesBySha.computeIfAbsent(sha, s -> parse(bytes, read.onnxUri()));
    read.mlflow()
        .flatMap(MlflowModel::signature)
        .ifPresent(declared -> SignatureCheck.check(declared, signature, source));
    return new ResolvedModel(
        new ModelVersion(reference, 0, source, read.onnxUri(), sha, 0, "", Instant.EPOCH),
        signature,
        read.mlflow());
  }

  /** The MLflow descriptor registered with a version: the MLmodel file next to its model.onnx. */
  private Optional<MlflowModel> mlflow(ModelVersion version) {
    return mlflowByLocation.computeIfAbsent(
        version.location(),
        location -> {
          int slash = location.lastIndexOf('/');
          String descriptor = Locations.child(location.substring(0, slash), MlflowModel.DESCRIPTOR);
          try {
            return store.exists(descriptor)
                ? Optional.of(MlflowModel.parse(store.read(descriptor), descriptor))
                : Optional.empty();
          } catch (IOException e) {
            throw new ScryException(
                ErrorCode.STORAGE,
                "Cannot read the MLflow descriptor at '" + descriptor + "': " + e.getMessage(),
                e);
          }
        });
  }

  public ModelSignature signature(ModelVersion version) {
    return signaturesBySha.computeIfAbsent(
        version.sha256(), sha -> parse(readModel(version.location()), version.location()));
  }

  private byte[] readModel(String uri) {
    try {
      return store.read(uri);
    } catch (IOException e) {
      throw new ScryException(
          ErrorCode.STORAGE, "Cannot read the model at '" + uri + "': " + e.getMessage(), e);
    }
  }

  private static ModelSignature parse(byte[] bytes, String uri) {
    try {
      return OnnxModelReader.read(bytes);
    } catch (RuntimeException e) {
      throw new ScryException("'" + uri + "' is not a readable ONNX model: " + e.getMessage(), e);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
