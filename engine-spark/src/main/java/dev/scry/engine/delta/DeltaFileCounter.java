package dev.scry.engine.delta;

import dev.scry.planner.scan.LakeScanSpec;
import dev.scry.planner.spi.LogFileCounter;
import java.util.Objects;
import java.util.Optional;

/**
 * EXPLAIN's {@code files=[k of n]} for a Delta scan: the log is replayed at the scan's version and the
 * files kept by the same {@link DeltaFilter} that {@link DeltaScanReader} hands Kernel are counted
 * against all live files. Counted when EXPLAIN runs, so queries do not pay for it.
 */
public final class DeltaFileCounter implements LogFileCounter {
  private final DeltaLogReader log;

  public DeltaFileCounter(DeltaLogReader log) {
    this.log = Objects.requireNonNull(log, "log");
  }

  @Override
  public Optional<FileCount> count(LakeScanSpec scan) {
    if (!scan.table().format().hasLog()) {
      return Optional.empty();
    }
    return Optional.of(
        log.count(
            scan.table().location(), scan.asOf(), DeltaFilter.of(scan.table(), scan.filters())));
  }
}
