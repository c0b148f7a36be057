package dev.scry.planner.catalog;

import dev.scry.planner.ScryException;
import java.util.Objects;

/**
 * A registered model as SQL names it: {@code name} (its latest version), {@code name:3} or {@code
 * name@3} (version 3), {@code name@champion} (the version alias {@code champion} points at) or {@code
 * name@latest}. Parsing is separate from lookup so the same text always means the same kind of name;
 * which version it is depends on the catalog snapshot it is looked up in.
 */
record ModelReference(String text, String model, Integer number, String alias) {
  ModelReference {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(model, "model");
  }

  static ModelReference parse(String text) {
    int at = text.lastIndexOf('@');
    if (at > 0) {
      String model = text.substring(0, at);
      String after = text.substring(at + 1);
      if (!after.isEmpty() && after.chars().allMatch(Character::isDigit)) {
        return new ModelReference(text, model, number(text, after), null);
      }
      if (after.isEmpty()) {
        throw new ScryException(
            "Invalid model reference '"
                + text
                + "': name a version or an alias after '@', as in '"
                + model
                + "@champion' or '"
                + model
                + "@2'");
      }
      return new ModelReference(text, model, null, after);
    }
    int colon = text.lastIndexOf(':');
    if (colon > 0) {
      return new ModelReference(
          text, text.substring(0, colon), number(text, text.substring(colon + 1)), null);
    }
    return new ModelReference(text, text, null, null);
  }

  private static int number(String text, String digits) {
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      throw new ScryException(
          "Invalid model version in '" + text + "': expected name:number or name@number");
    }
  }

  /** The version this reference names in {@code snapshot}, or an error naming what does exist. */
  ModelVersion version(CatalogSnapshot snapshot) {
    CatalogSnapshot.ModelEntry entry =
        snapshot
            .model(model)
            .orElseThrow(
                () ->
                    new ScryException(
                        "Model '"
                            + model
                            + "' does not exist; registered models: "
                            + snapshot.sortedModels().stream()
                                .map(CatalogSnapshot.ModelEntry::name)
                                .toList()));
    if (alias != null && !ModelAlias.LATEST.equalsIgnoreCase(alias)) {
      ModelAlias found =
          entry
              .alias(alias)
              .orElseThrow(
                  () ->
                      new ScryException(
                          "Model '"
                              + entry.name()
                              + "' has no alias '"
                              + alias
                              + "'; its aliases: "
                              + entry.aliases().stream().map(ModelAlias::name).toList()
                              + " (set one with ALTER MODEL "
                              + entry.name()
                              + " SET ALIAS "
                              + alias
                              + " = <version>)"));
      return existing(entry, found.version());
    }
    return number == null ? entry.latest() : existing(entry, number);
  }

  private static ModelVersion existing(CatalogSnapshot.ModelEntry entry, int wanted) {
    return entry
        .version(wanted)
        .orElseThrow(
            () ->
                new ScryException(
                    "Model '"
                        + entry.name()
                        + "' has no version "
                        + wanted
                        + "; versions: "
                        + entry.versions().stream().map(ModelVersion::version).toList()));
  }
}
