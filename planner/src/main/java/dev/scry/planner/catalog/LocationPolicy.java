package dev.scry.planner.catalog;

import dev.scry.planner.ScryException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which locations SQL may name: only URIs under one of the configured roots (local folders, storage
 * accounts or their containers, the warehouse). Everything else, and any path that climbs with {@code ..}, is refused before
 * a file is touched.
 */
public final class LocationPolicy {
  /** A root authority {@code *@host} admits every container ({@code container@host}) of that host. */
  private static final String ANY_CONTAINER = "*@";

  private final List<URI> roots;

  public LocationPolicy(List<String> rootUris) {
    this.roots =
        rootUris.stream().map(LocationPolicy::parse).map(LocationPolicy::asFolder).toList();
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
    throw new ScryException(
        "The "
            + purpose
            + " '"
            + uri
            + "' is outside the configured storage; allowed: "
            + roots.stream().map(URI::toString).toList());
  }

  private static boolean isUnder(URI candidate, URI root) {
    if (!root.getScheme().equalsIgnoreCase(candidate.getScheme())) {
      return false;
    }
    String rootAuthority = lower(root.getAuthority());
    String authority = lower(candidate.getAuthority());
    if (rootAuthority != null && rootAuthority.startsWith(ANY_CONTAINER)) {
      // A storage account whose containers are not listed: any container of that account's host.
      String atHost = rootAuthority.substring(ANY_CONTAINER.length() - 1);
      int at = authority == null ? -1 : authority.indexOf('@');
      if (at <= 0 || !authority.substring(at).equals(atHost)) {
        return false;
      }
    } else if (!Objects.equals(rootAuthority, authority)) {
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
        throw new ScryException(
            "a location must be a URI with a scheme, such as file:///data/x or abfss://…");
      }
      if (parsed.getPath() == null || !parsed.getPath().startsWith("/")) {
        throw new ScryException("the path must be absolute");
      }
      String authority = parsed.getAuthority();
      return new URI(
          parsed.getScheme(), authority, parsed.getPath().replaceAll("/{2,}", "/"), null, null);
    } catch (URISyntaxException e) {
      throw new ScryException(e.getMessage());
    }
  }
}
