package dev.scry.planner.catalog;

import dev.scry.planner.ScryException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which locations SQL may name: only URIs under one of the configured roots (local folders, storage
 * accounts, the warehouse). Everything else, and any path that climbs with {@code ..}, is refused before
 * a file is touched.
 */
public final class LocationPolicy {
  private final List<URI> roots;

  public LocationPolicy(List<String> rootUris) {
    this.roots = rootUris.stream().map(LocationPolicy::parse).map(LocationPolicy::asFolder).toList();
  }

  /** Returns the normalized URI if {@code uri} lies under a root, else throws a {@link ScryException}. */
  public String check(String uri, String purpose) {
    Objects.requireNonNull(uri, "uri");
    URI candidate;
    try {
      candidate = parse(uri);
    } catch (ScryException e) {
      throw new ScryException("Invalid " + purpose + " '" + uri + "': " + e.getMessage());
    }
    String path = candidate.getPath() == null ? "" : candidate.getPath();
    if (List.of(path.split("/")).contains("..")) {
      throw new ScryException("The " + purpose + " '" + uri + "' must not contain '..'");
    }
    for (URI root : roots) {
      if (isUnder(candidate, root)) {
        return candidate.toString();
      }
    }
    throw new ScryException("The " + purpose + " '" + uri + "' is outside the configured storage; allowed: "
        + roots.stream().map(URI::toString).toList());
  }

  private static boolean isUnder(URI candidate, URI root) {
    if (!root.getScheme().equalsIgnoreCase(candidate.getScheme())) {
      return false;
    }
    if (!Objects.equals(lower(root.getAuthority()), lower(candidate.getAuthority()))) {
      return false;
    }
    String rootPath = root.getPath();
    String path = candidate.getPath();
    return path.startsWith(rootPath) || (path + "/").equals(rootPath);
  }

  private static String lower(String s) {
    return s == null || s.isEmpty() ? null : s.toLowerCase(Locale.ROOT);
  }

  private static URI asFolder(URI uri) {
    String path = uri.getPath();
    if (path.endsWith("/")) {
      return uri;
    }
    try {
      return new URI(uri.getScheme(), uri.getAuthority(), path + "/", null, null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static URI parse(String uri) {
    try {
      URI parsed = new URI(uri);
      if (parsed.getScheme() == null) {
        throw new ScryException("a location must be a URI with a scheme, such as file:///data/x or abfss://…");
      }
      if (parsed.getPath() == null || !parsed.getPath().startsWith("/")) {
        throw new ScryException("the path must be absolute");
      }
      String authority = parsed.getAuthority();
      return new URI(parsed.getScheme(), authority, parsed.getPath().replaceAll("/{2,}", "/"), null, null);
    } catch (URISyntaxException e) {
      throw new ScryException(e.getMessage());
    }
  }
}
