package dev.scry.testing;

import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * Finds a file or folder of this repository for a test: the system property the build sets when it is
 * set, else the nearest {@code name} from the working directory up, for runs outside Maven (an IDE
 * starts in a module's folder).
 */
final class RepositoryFiles {
  private RepositoryFiles() {}

  /** {@code name} as {@code property} names it or as found upward; {@code expected} tells the right one. */
  static Path find(String property, String name, Predicate<Path> expected, String what) {
    String configured = System.getProperty(property);
    if (configured != null) {
      Path path = Path.of(configured).toAbsolutePath().normalize();
      if (!expected.test(path)) {
        throw new IllegalStateException(
            what + " not found: " + property + "=" + path + " is not it");
      }
      return path;
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(name);
      if (expected.test(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        what
            + " not found: no "
            + name
            + " in or above "
            + Path.of("").toAbsolutePath()
            + " (or set -D"
            + property
            + ")");
  }
}
