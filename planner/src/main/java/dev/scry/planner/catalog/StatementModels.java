package dev.scry.planner.catalog;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The models one statement names, resolved once each against the catalog snapshot the statement is
 * planned on. Validation, conversion and the PREDICT rules all ask for a model several times; answering
 * from here means an alias moved meanwhile cannot give one statement two versions.
 */
public final class StatementModels {
  private final ModelRegistry registry;
  private final CatalogSnapshot snapshot;
  private final Map<String, ModelRegistry.ResolvedModel> resolved = new ConcurrentHashMap<>();

  StatementModels(ModelRegistry registry, CatalogSnapshot snapshot) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
  }

  /** The model {@code reference} names for this statement (see {@link ModelRegistry#resolve(String)}). */
  public ModelRegistry.ResolvedModel resolve(String reference) {
    return resolved.computeIfAbsent(reference, r -> registry.resolve(r, snapshot));
  }
}
