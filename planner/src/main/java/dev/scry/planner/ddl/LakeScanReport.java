package dev.scry.planner.ddl;

import dev.scry.planner.ScryException;
import dev.scry.planner.rel.LakeTableScan;
import dev.scry.planner.scan.ScanRoot;
import dev.scry.planner.spi.FileStore;
import dev.scry.planner.spi.LogTables;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.calcite.rel.RelNode;

/**
 * The EXPLAIN lines for each lake table scan: the spec the planner pushed into it (columns, filters
 * evaluated at the source, partition folders kept of all), which is also exactly what the engine reads,
 * and the number of data files in the folders it reads (counted for EXPLAIN only, so queries do not pay
 * for a second listing). A table with a log (Delta) says {@code files=[k of n]}: the live files its
 * log names that the scan reads after pruning and skipping, of all live files, as the engine's
 * {@link LogTables} counts them (no count without an engine); its folder is not counted, since it also
 * holds superseded files.
 */
final class LakeScanReport {
  private final FileStore files;
  private final Optional<LogTables> logTables;

  LakeScanReport(FileStore files, Optional<LogTables> logTables) {
    this.files = Objects.requireNonNull(files, "files");
    this.logTables = Objects.requireNonNull(logTables, "logTables");
  }

  List<String> lines(RelNode plan) {
    List<String> lines = new ArrayList<>();
    visit(plan, lines);
    return lines;
  }

  private void visit(RelNode node, List<String> lines) {
    if (node instanceof LakeTableScan scan) {
      lines.add("  " + scan.spec().describe() + "; " + fileCount(scan));
    }
    node.getInputs().forEach(input -> visit(input, lines));
  }

  /** Files directly in each folder read, leaving out those Spark ignores ({@code _SUCCESS}, {@code .crc}). */
  private String fileCount(LakeTableScan scan) {
    if (scan.spec().table().format().hasLog()) {
      return logFileCount(scan);
    }
    int count = 0;
    try {
      for (ScanRoot root : scan.spec().roots()) {
        for (String folder : root.folders()) {
          for (String file : files.listFiles(folder)) {
            String name = file.substring(file.lastIndexOf('/') + 1);
            if (!name.startsWith("_") && !name.startsWith(".")) {
              count++;
            }
          }
        }
      }
    } catch (IOException e) {
      return "files unknown (" + e.getMessage() + ")";
    }
    return "files " + count;
  }

  /** The log's count, made by the engine as its reader selects files; the reason when it fails. */
  private String logFileCount(LakeTableScan scan) {
    try {
      return logTables
          .flatMap(log -> log.count(scan.spec()))
          .map(count -> "files=[" + count.read() + " of " + count.live() + "]")
          .orElse("files from the Delta log");
    } catch (ScryException e) {
      return "files unknown (" + e.getMessage() + ")";
    }
  }
}
