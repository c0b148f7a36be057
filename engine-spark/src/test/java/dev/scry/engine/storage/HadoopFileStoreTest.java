package dev.scry.engine.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HadoopFileStoreTest {
  @TempDir Path folder;

  private final HadoopFileStore store = new HadoopFileStore(new Configuration());

  @Test
  void writeReadOverwriteListDelete() throws Exception {
    String base = folder.toUri().toString() + "catalog";
    String b = base + "/b.json";
    String a = base + "/a.json";
    assertFalse(store.exists(b));
    assertEquals(List.of(), store.listFiles(base));

    store.write(b, "first".getBytes(StandardCharsets.UTF_8));
    store.write(a, new byte[] {1, 2, 3});
    store.write(b, "second".getBytes(StandardCharsets.UTF_8));
    Files.createDirectories(folder.resolve("catalog").resolve("sub"));

    assertTrue(store.exists(b));
    assertEquals("second", new String(store.read(b), StandardCharsets.UTF_8));
    assertArrayEquals(new byte[] {1, 2, 3}, store.read(a));
    assertEquals(List.of(a, b), store.listFiles(base));
    try (Stream<Path> files = Files.list(folder.resolve("catalog"))) {
      assertTrue(
          files.noneMatch(
              p -> p.getFileName().toString().startsWith(HadoopFileStore.TEMPORARY_PREFIX)),
          "no temporary file left behind");
    }

    store.deleteRecursively(base);
    assertFalse(store.exists(a));
    assertFalse(Files.exists(folder.resolve("catalog")));
    store.deleteRecursively(base);
    assertThrows(FileNotFoundException.class, () -> store.read(a));
  }
}
