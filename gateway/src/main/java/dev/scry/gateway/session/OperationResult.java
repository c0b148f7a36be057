package dev.scry.gateway.session;

import dev.scry.gateway.error.ErrorReporter;
import dev.scry.gateway.error.ReportedError;
import dev.scry.gateway.exec.Execution;
import dev.scry.planner.ScryException;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;

/**
 * An operation's result being read batch by batch, in order. It ends (its statement log line written,
 * the engine's rows closed) when the rows run out, the row limit is reached, it fails, or it is closed
 * before its end.
 */
final class OperationResult {
  private final Execution execution;
  private final long maxRowCount;
  private final StatementClock clock;
  private final StatementObserver observer;
  private final ErrorReporter errors;
  private long offset;
  private boolean done;

  OperationResult(
      Execution execution,
      long maxRowCount,
      StatementClock clock,
      StatementObserver observer,
      ErrorReporter errors) {
    this.execution = execution;
    this.maxRowCount = maxRowCount;
    this.clock = clock;
    this.observer = observer;
    this.errors = errors;
  }

  RelDataType rowType() {
    return execution.rowType();
  }

  synchronized Batch next(long requestedOffset, int maxRows) {
    if (requestedOffset != offset) {
      throw new ScryException(
          "Results can only be fetched in order: asked for offset "
              + requestedOffset
              + ", next is "
              + offset);
    }
    int wanted =
        (int)
            Math.min(maxRows, maxRowCount > 0 ? Math.max(0, maxRowCount - offset) : Long.MAX_VALUE);
    // Pulled as one batch: the engine then pays its per-step costs once per batch, not once per
    // row.
    List<Object[]> rows = done ? List.of() : execution.rows().nextBatch(wanted);
    if (!done
        && (rows.size() < wanted
            || (maxRowCount > 0 && offset + rows.size() >= maxRowCount)
            || !execution.rows().hasNext())) {
      done = true;
    }
    Batch batch = new Batch(offset, done, rows);
    offset += rows.size();
    observer.frameSent(clock.connectionId(), clock.statementId(), rows.size());
    if (done) {
      execution.rows().close();
      observer.statementFinished(
          clock.finish(offset, StatementRecord.OK, execution.rows().reused()));
    }
    return batch;
  }

  /** Ends the result after {@code failure}; returns the client's error for it. */
  synchronized ReportedError fail(Throwable failure) {
    if (done) {
      return errors.report(clock.id(), failure);
    }
    done = true;
    execution.rows().close();
    return clock.fail(errors, observer, offset, failure);
  }

  synchronized void close() {
    if (!done) {
      done = true;
      execution.rows().close();
      observer.statementFinished(
          clock.finish(offset, StatementRecord.CLOSED_EARLY, execution.rows().reused()));
    }
  }
}
