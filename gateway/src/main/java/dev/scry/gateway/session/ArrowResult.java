package dev.scry.gateway.session;

import dev.scry.gateway.error.ErrorReporter;
import dev.scry.gateway.error.ReportedError;
import dev.scry.gateway.exec.Execution;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;

/**
 * An operation's result being read as the engine's Arrow record batches, in order: the batch form of
 * {@link OperationResult}, with the same statement log (rows counted as batches pass, one line when
 * the result ends, fails or is closed before its end).
 */
final class ArrowResult {
  private final Execution execution;
  private final StatementClock clock;
  private final StatementObserver observer;
  private final ErrorReporter errors;
  private long rows;
  private boolean done;

  ArrowResult(
      Execution execution, StatementClock clock, StatementObserver observer, ErrorReporter errors) {
    this.execution = execution;
    this.clock = clock;
    this.observer = observer;
    this.errors = errors;
  }

  /** The next batch (the caller closes it), or null when the result has ended. */
  synchronized ArrowRecordBatch next(BufferAllocator allocator) {
    if (done) {
      return null;
    }
    ArrowRecordBatch batch = execution.batches().next(allocator);
    if (batch == null) {
      done = true;
      execution.batches().close();
      observer.statementFinished(clock.finish(rows, StatementRecord.OK));
      return null;
    }
    rows += batch.getLength();
    observer.frameSent(clock.connectionId(), clock.statementId(), batch.getLength());
    return batch;
  }

  /** Ends the result after {@code failure}; returns the client's error for it. */
  synchronized ReportedError fail(Throwable failure) {
    if (done) {
      return errors.report(clock.id(), failure);
    }
    done = true;
    execution.batches().close();
    ReportedError error = errors.report(clock.id(), failure);
    observer.statementFinished(clock.finish(rows, "ERROR " + error.code().sqlState()));
    return error;
  }

  synchronized void close() {
    if (!done) {
      done = true;
      execution.batches().close();
      observer.statementFinished(clock.finish(rows, StatementRecord.CLOSED_EARLY));
    }
  }
}
