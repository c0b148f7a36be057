package dev.scry.gateway.cache;

import dev.scry.planner.scan.LakeScanSpec;
import dev.scry.planner.scan.ScanRoot;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The state of the files a scan reads, as lines of path, size and modification time, sorted: a new, a
 * removed or a rewritten file changes it. Listed afresh for every lookup: the key's listing for the
 * scans whose files the engine does not keep listed (Delta tables, the listing cache off).
 */
public final class InputListing {
  private final Configuration hadoop;

  public InputListing(Configuration hadoop) {
    this.hadoop = Objects.requireNonNull(hadoop, "hadoop");
  }

  public List<String> describe(LakeScanSpec scan) {
    List<String> lines = new ArrayList<>();
    for (ScanRoot root : scan.roots()) {
      for (String folder : root.folders()) {
        list(folder, lines);
      }
    }
    lines.sort(null);
    return lines;
  }

  private void list(String folder, List<String> lines) {
    Path path = new Path(URI.create(folder));
    try {
      FileSystem fs = path.getFileSystem(hadoop);
      walk(fs, fs.getFileStatus(path), lines);
    } catch (FileNotFoundException e) {
      lines.add(folder + " missing");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Lists with {@code listStatus}, not {@code listFiles}: the latter builds a LocatedFileStatus per file,
   * which asks for the file's permissions, and the local file system forks a process for each of them
   * (Spark's own listing avoids it the same way).
   */
  private static void walk(FileSystem fs, FileStatus status, List<String> lines)
      throws IOException {
    if (!status.isDirectory()) {
      lines.add(status.getPath() + " " + status.getLen() + " " + status.getModificationTime());
      return;
    }
    for (FileStatus child : fs.listStatus(status.getPath())) {
      walk(fs, child, lines);
    }
  }
}
