package dev.scry.planner.catalog;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A name that follows one version of a model ({@code churn@champion} → version 3), so that consumers
 * name a stage and the version behind it can move without their SQL changing.
 */
public record ModelAlias(String name, int version) {
  /**
   * A letter first, so that an alias never reads as a version number ({@code churn@3}); MLflow's {@code
   * v3} spelling of a version is refused too, as is {@code latest}, which always means the newest version.
   */
  private static final Pattern VALID = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

  private static final Pattern VERSION_LIKE = Pattern.compile("[vV][0-9]+");
  public static final String LATEST = "latest";

  public ModelAlias {
    Objects.requireNonNull(name, "name");
    if (version < 1) {
      throw new IllegalArgumentException("version " + version);
    }
  }

  /** Why {@code name} cannot be an alias, or null when it can. */
  public static String whyInvalid(String name) {
    if (!VALID.matcher(name).matches()) {
      return "Alias '"
          + name
          + "' is not a valid alias name: start it with a letter and use only letters, digits and"
          + " '_' (at most 64 characters), so that it cannot be read as a version number";
    }
    if (VERSION_LIKE.matcher(name).matches() || LATEST.equalsIgnoreCase(name)) {
      return "Alias '"
          + name
          + "' is reserved: 'latest' and v<number> name versions; choose another name such as"
          + " 'champion'";
    }
    return null;
  }

  /** The key aliases are looked up by: names are case-insensitive, as every catalog name is. */
  public String key() {
    return key(name);
  }

  static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
