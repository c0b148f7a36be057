package dev.scry.engine.delta;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Where one Delta write's Parquet files are written before they join the table: a fresh folder
 * {@code _scry_staging/<uuid>/} under the table's location, so that Spark's committer works in a
 * folder of its own (writers to one table never share its {@code _temporary}), and a write that dies
 * leaves its files there, hidden ({@code _} names) and in no commit. {@link #publish} then moves each
 * data file to the same relative path under the table's folder ({@code region=eu/part-….parquet}, the
 * partition folders Delta writers use); one file at a time, so no folder rename is needed (the Blob
 * API renames a folder blob by blob). Moved files are still invisible until the commit names them.
 */
final class DeltaStaging {
  static final String FOLDER = "_scry_staging";

  /** The folder name Hive-style writers give a NULL (or empty) partition value. */
  private static final String NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__";

  private final FileSystem fs;
  private final Path tableRoot;
  private final Path folder;
  private final List<Path> moved = new ArrayList<>();

  private DeltaStaging(FileSystem fs, Path tableRoot, Path folder) {
    this.fs = fs;
    this.tableRoot = tableRoot;
    this.folder = folder;
  }

  /** A new staging folder under the table at {@code location} (not created: Spark's write makes it). */
  static DeltaStaging under(Configuration hadoop, String location) throws IOException {
    Objects.requireNonNull(location, "location");
    Path root = new Path(location);
    FileSystem fs = root.getFileSystem(hadoop);
    Path qualified = fs.makeQualified(root);
    return new DeltaStaging(
        fs, qualified, new Path(new Path(qualified, FOLDER), UUID.randomUUID().toString()));
  }

  /** The folder Spark writes the files into. */
  String uri() {
    return folder.toString();
  }

  /** Moves every data file written into the table's folder, keeping its relative path. */
  List<WrittenFile> publish() throws IOException {
    List<WrittenFile> files = new ArrayList<>();
    String prefix = folder.toString() + "/";
    RemoteIterator<LocatedFileStatus> listing = fs.listFiles(folder, true);
    while (listing.hasNext()) {
      Path written = listing.next().getPath();
      String path = written.toString();
      if (!path.startsWith(prefix)) {
        throw new IOException("Spark wrote " + path + " outside the staging folder " + folder);
      }
      String relative = path.substring(prefix.length());
      if (isHidden(relative)) {
        continue;
      }
      Path target = new Path(tableRoot, relative);
      fs.mkdirs(target.getParent());
      if (!fs.rename(written, target)) {
        throw new IOException("Could not move " + written + " to " + target);
      }
      moved.add(target);
      FileStatus status = fs.getFileStatus(target);
      files.add(
          new WrittenFile(
              status.getPath().toString(),
              status.getLen(),
              status.getModificationTime(),
              partitionValues(relative)));
    }
    return files;
  }

  /** After the commit: the staging folder goes (best effort; it is hidden and named by no commit). */
  void cleanUp() {
    try {
      fs.delete(folder, true);
    } catch (IOException | RuntimeException ignored) {
      // Left behind, hidden and in no commit.
    }
  }

  /** After a failed write: the staging folder and the files already moved go, best effort. */
  void abandon() {
    for (Path file : moved) {
      try {
        fs.delete(file, false);
      } catch (IOException | RuntimeException ignored) {
        // In no commit: readers never see it.
      }
    }
    cleanUp();
  }

  /** Spark's markers ({@code _SUCCESS}), its work folders and checksum files: not data. */
  private static boolean isHidden(String relative) {
    for (String segment : relative.split("/")) {
      if (segment.startsWith("_") || segment.startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  /** {@code a=1/b=x%3Ay/part-….parquet} → {a=1, b=x:y}; Hive's NULL folder → null. */
  static Map<String, String> partitionValues(String relative) {
    Map<String, String> values = new LinkedHashMap<>();
    String[] segments = relative.split("/");
    for (int i = 0; i < segments.length - 1; i++) {
      int eq = segments[i].indexOf('=');
      if (eq <= 0) {
        throw new IllegalStateException("Not a partition folder: " + segments[i]);
      }
      String value = unescape(segments[i].substring(eq + 1));
      values.put(
          unescape(segments[i].substring(0, eq)), NULL_PARTITION.equals(value) ? null : value);
    }
    return values;
  }

  /** Undoes Hive's path escaping, {@code %XX} for each character it escapes. */
  private static String unescape(String escaped) {
    StringBuilder out = new StringBuilder(escaped.length());
    int i = 0;
    while (i < escaped.length()) {
      char c = escaped.charAt(i);
      if (c == '%' && isHex(escaped, i + 1)) {
        out.append((char) Integer.parseInt(escaped.substring(i + 1, i + 3), 16));
        i += 3;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static boolean isHex(String s, int at) {
    return at + 1 < s.length()
        && Character.digit(s.charAt(at), 16) >= 0
        && Character.digit(s.charAt(at + 1), 16) >= 0;
  }
}
