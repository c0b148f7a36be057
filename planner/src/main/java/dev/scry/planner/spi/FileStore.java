package dev.scry.planner.spi;

import java.io.IOException;
import java.util.List;

/**
 * Files under the warehouse and the configured storage, addressed by URI ({@code file:///…},
 * {@code abfss://…}). The catalog and the model registry keep their state through it; the engine
 * implements it on Hadoop's FileSystem so that the same code serves local folders and the lake.
 */
public interface FileStore {
  byte[] read(String uri) throws IOException;

  /** Writes the whole file so that readers see the old content or the new, never a part. */
  void write(String uri, byte[] bytes) throws IOException;

  boolean exists(String uri) throws IOException;

  /** URIs of the files (not folders) directly in a folder, sorted by name. */
  List<String> listFiles(String folderUri) throws IOException;

  /** URIs of the folders directly in a folder, sorted by name, each ending in '/'; none if it is absent. */
  List<String> listFolders(String folderUri) throws IOException;

  void deleteRecursively(String uri) throws IOException;
}
