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
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * The state of the files a scan reads, as lines of path, size and modification time, sorted: a new, a
 * removed or a rewritten file changes it. Listed afresh for every lookup (never from the scan's own
 * listing cache), since a stale listing would hand out a stale result.
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
      RemoteIterator<LocatedFileStatus> files = fs.listFiles(path, true);
      while (files.hasNext()) {
        LocatedFileStatus file = files.next();
        lines.add(file.getPath() + " " + file.getLen() + " " + file.getModificationTime());
      }
    } catch (FileNotFoundException e) {
      lines.add(folder + " missing");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
