package dev.scry.planner.testing;

import dev.scry.planner.spi.FileStore;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A {@link FileStore} held in memory, for planning without Spark or Hadoop: files are URIs with bytes,
 * and a folder exists while some file lies under it (as on object stores). Listings come back sorted,
 * as the SPI promises, so plans built over it are the same on every run. Local URIs are kept and listed
 * as {@code file:/path}, the form the catalog's location policy and Hadoop use, whichever form they
 * were given in.
 */
public final class InMemoryFileStore implements FileStore {
  private final NavigableMap<String, byte[]> files = new ConcurrentSkipListMap<>();

  /** Adds an empty file, e.g. a data file whose content no planner reads. */
  public InMemoryFileStore touch(String uri) {
    return put(uri, new byte[0]);
  }

  public InMemoryFileStore put(String uri, byte[] bytes) {
    if (uri.endsWith("/")) {
      throw new IllegalArgumentException("A file URI cannot end in '/': " + uri);
    }
    files.put(canonical(uri), bytes.clone());
    return this;
  }

  /** {@code file:///path} as {@code file:/path}; other URIs as they are. */
  public static String canonical(String uri) {
    return uri.startsWith("file:///") ? "file:/" + uri.substring("file:///".length()) : uri;
  }

  @Override
  public byte[] read(String uri) throws IOException {
    byte[] bytes = files.get(canonical(uri));
    if (bytes == null) {
      throw new FileNotFoundException(uri);
    }
    return bytes.clone();
  }

  @Override
  public void write(String uri, byte[] bytes) {
    put(uri, bytes);
  }

  @Override
  public boolean exists(String uri) {
    return files.containsKey(canonical(uri)) || !under(folder(uri)).isEmpty();
  }

  @Override
  public List<String> listFiles(String folderUri) {
    String folder = folder(folderUri);
    List<String> direct = new ArrayList<>();
    for (String uri : under(folder).keySet()) {
      if (uri.indexOf('/', folder.length()) < 0) {
        direct.add(uri);
      }
    }
    return direct;
  }

  @Override
  public List<String> listFolders(String folderUri) {
    String folder = folder(folderUri);
    TreeSet<String> children = new TreeSet<>();
    for (String uri : under(folder).keySet()) {
      int slash = uri.indexOf('/', folder.length());
      if (slash >= 0) {
        children.add(uri.substring(0, slash + 1));
      }
    }
    return List.copyOf(children);
  }

  @Override
  public void deleteRecursively(String uri) {
    files.remove(canonical(uri));
    under(folder(uri)).clear();
  }

  private Map<String, byte[]> under(String folder) {
    // Every key that starts with the folder: '/' + 1 is '0', the first string after the prefix
    // range.
    return files.subMap(folder, true, folder.substring(0, folder.length() - 1) + "0", false);
  }

  private static String folder(String uri) {
    String canonical = canonical(uri);
    return canonical.endsWith("/") ? canonical : canonical + "/";
  }
}
