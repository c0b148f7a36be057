package dev.scry.planner.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.scry.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * testdata/SHA256SUMS describes the folder exactly: the tests' expectations hold for these bytes only, and
 * a fixture replaced or added without its line (and its origin in the README) should not go unnoticed.
 */
class TestDataChecksumsTest {
  private static final Set<String> NOT_LISTED = Set.of("README.md", "SHA256SUMS");

  @Test
  void everyFileMatchesItsListedChecksum() throws IOException {
    Path root = TestData.root();
    Map<String, String> listed = new TreeMap<>();
    for (String line : Files.readAllLines(root.resolve("SHA256SUMS"))) {
      String[] parts = line.trim().split("\\s+", 2);
      listed.put(parts[1], parts[0]);
    }
    Map<String, String> actual;
    try (Stream<Path> files = Files.walk(root)) {
      actual =
          files
              .filter(Files::isRegularFile)
              .map(file -> root.relativize(file).toString().replace('\\', '/'))
              .filter(name -> !NOT_LISTED.contains(name))
              .collect(
                  Collectors.toMap(
                      name -> name, name -> sha256(root.resolve(name)), (a, b) -> a, TreeMap::new));
    }
    assertEquals(listed, actual);
  }

  private static String sha256(Path file) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
