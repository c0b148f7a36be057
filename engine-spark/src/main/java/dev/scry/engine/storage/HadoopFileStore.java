package dev.scry.engine.storage;

import dev.scry.planner.spi.FileStore;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * {@link FileStore} on Hadoop's FileSystem: one implementation for local folders ({@code file:}) and
 * the lake ({@code abfss:} ...), configured like Spark's own reads and writes.
 */
public final class HadoopFileStore implements FileStore {
  /** Prefix of in-progress files; {@link #listFiles} leaves them out. */
  static final String TEMPORARY_PREFIX = ".scry-tmp-";

  private final Configuration configuration;

  public HadoopFileStore(Configuration configuration) {
    this.configuration = Objects.requireNonNull(configuration, "configuration");
  }

  /** Uses the session's Hadoop configuration (credentials, endpoints) so that files are reached as Spark reaches them. */
  public HadoopFileStore(SparkSession spark) {
    this(spark.sparkContext().hadoopConfiguration());
  }

  @Override
  public byte[] read(String uri) throws IOException {
    Path path = path(uri);
    try (InputStream in = fileSystem(path).open(path)) {
      return in.readAllBytes();
    }
  }

  /** Writes a temporary file next to the target, then renames it over the target. */
  @Override
  public void write(String uri, byte[] bytes) throws IOException {
    Path target = path(uri);
    FileSystem fs = fileSystem(target);
    Path parent = target.getParent();
    if (parent != null) {
      fs.mkdirs(parent);
    }
    Path temporary =
        new Path(parent, TEMPORARY_PREFIX + target.getName() + "-" + UUID.randomUUID());
    try {
      try (OutputStream out = fs.create(temporary, false)) {
        out.write(bytes);
      }
      if (!fs.rename(temporary, target)) {
        // Some file systems (object stores, HDFS) will not rename over an existing file.
        if (fs.exists(target) && !fs.delete(target, false)) {
          throw new IOException("Cannot replace " + uri + ": deleting the old file failed");
        }
        if (!fs.rename(temporary, target)) {
          throw new IOException(
              "Cannot write " + uri + ": renaming " + temporary + " into place failed");
        }
      }
    } finally {
      if (fs.exists(temporary)) {
        fs.delete(temporary, false);
      }
    }
  }

  @Override
  public boolean exists(String uri) throws IOException {
    Path path = path(uri);
    return fileSystem(path).exists(path);
  }

  /** The files directly in the folder, sorted by name; none when the folder does not exist. */
  @Override
  public List<String> listFiles(String folderUri) throws IOException {
    Path folder = path(folderUri);
    FileStatus[] statuses;
    try {
      statuses = fileSystem(folder).listStatus(folder);
    } catch (FileNotFoundException e) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    for (FileStatus status : statuses) {
      String name = status.getPath().getName();
      if (status.isFile() && !name.startsWith(TEMPORARY_PREFIX)) {
        names.add(name);
      }
    }
    names.sort(null);
    // Keep the caller's spelling of the folder (Hadoop would shorten file:/// to file:/).
    String prefix = folderUri.endsWith("/") ? folderUri : folderUri + "/";
    List<String> uris = new ArrayList<>(names.size());
    for (String name : names) {
      uris.add(prefix + name);
    }
    return uris;
  }

  @Override
  public List<String> listFolders(String folderUri) throws IOException {
    Path folder = path(folderUri);
    FileStatus[] statuses;
    try {
      statuses = fileSystem(folder).listStatus(folder);
    } catch (FileNotFoundException e) {
      return List.of();
    }
    // A set: some stores (the Azurite emulator) list a folder more than once.
    TreeSet<String> names = new TreeSet<>();
    for (FileStatus status : statuses) {
      if (status.isDirectory()) {
        names.add(status.getPath().getName());
      }
    }
    String prefix = folderUri.endsWith("/") ? folderUri : folderUri + "/";
    List<String> uris = new ArrayList<>(names.size());
    for (String name : names) {
      uris.add(prefix + name + "/");
    }
    return uris;
  }

  @Override
  public void deleteRecursively(String uri) throws IOException {
    Path path = path(uri);
    FileSystem fs = fileSystem(path);
    if (fs.exists(path) && !fs.delete(path, true)) {
      throw new IOException("Cannot delete " + uri);
    }
  }

  private static Path path(String uri) {
    Objects.requireNonNull(uri, "uri");
    return new Path(URI.create(uri));
  }

  private FileSystem fileSystem(Path path) throws IOException {
    return path.getFileSystem(configuration);
  }
}
