package dev.scry.planner.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One commit of a table's log: its version, when it was committed (as time travel dates it), the
 * operation its writer recorded, the rows it wrote where the commit says, and the writer's name.
 */
public record TableCommit(
    long version,
    Instant timestamp,
    String operation,
    OptionalLong rowsWritten,
    Optional<String> engine) {
  public TableCommit {
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(rowsWritten, "rowsWritten");
    Objects.requireNonNull(engine, "engine");
  }
}
