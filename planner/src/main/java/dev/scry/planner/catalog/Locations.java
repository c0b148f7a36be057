package dev.scry.planner.catalog;

/** Small helpers for the URIs the catalog stores. */
public final class Locations {
  private Locations() {}

  /** {@code parent/child}, with exactly one slash between them. */
  public static String child(String parentUri, String relative) {
    String parent =
        parentUri.endsWith("/") ? parentUri.substring(0, parentUri.length() - 1) : parentUri;
    String child = relative.startsWith("/") ? relative.substring(1) : relative;
    return parent + "/" + child;
  }
}
