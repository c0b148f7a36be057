package dev.scry.engine.translate;

import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The files a scan reads as its resolved relations list them, one line per file (path, size,
 * modification time), sorted; and whether those relations are still the ones kept for the scan, that
 * is, whether a query translated since then read exactly these files.
 */
public record ScanFiles(List<String> lines, BooleanSupplier stillKept) {
  public ScanFiles {
    lines = List.copyOf(lines);
    Objects.requireNonNull(stillKept, "stillKept");
  }
}
