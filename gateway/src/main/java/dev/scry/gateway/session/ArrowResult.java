package dev.scry.gateway.session;

import dev.scry.gateway.error.ErrorReporter;
import dev.scry.gateway.error.ReportedError;
import dev.scry.gateway.exec.Execution;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;

/**
 * An operation's result being read as the engine's Arrow record batches, each part in order by a
 * reader of its own: the batch form of {@link OperationResult}, with the same statement log (rows
 * counted as batches pass, one line when every part has ended, the result fails or is closed before
 * its end). After a failure every part's reader gets the same error.
 */
final class ArrowResult {
  private final Execution execution;
  private final StatementClock clock;
  private final StatementObserver observer;
  private final ErrorReporter errors;
  private final AtomicLong rows = new AtomicLong();
  private final boolean[] partDone;
  private int partsLeft;
  private boolean done;
  private ReportedError failure;

  ArrowResult(
      Execution execution, StatementClock clock, StatementObserver observer, ErrorReporter errors) {
    this.execution = execution;
    this.clock = clock;
    this.observer = observer;
    this.errors = errors;
    this.partDone = new boolean[execution.batches().parts()];
    this.partsLeft = partDone.length;
  }

  int parts() {
    return partDone.length;
  }

  /**
   * The next batch of {@code part} (the caller closes it), or null when the part has ended. Not
   * synchronized around the engine's work: the parts are read at the same time.
   */
  ArrowRecordBatch next(int part, BufferAllocator allocator) {
    synchronized (this) {
      if (failure != null) {
        throw failure;
      }
      if (done || partDone[part]) {
        return null;
      }
    }
    ArrowRecordBatch batch = execution.batches().next(part, allocator);
    if (batch == null) {
      partEnded(part);
      return null;
    }
    rows.addAndGet(batch.getLength());
    observer.frameSent(clock.connectionId(), clock.statementId(), batch.getLength());
    return batch;
  }

  /** Whether every part has been read to its end. */
  synchronized boolean finished() {
    return done && failure == null;
  }

  private synchronized void partEnded(int part) {
    if (partDone[part] || done) {
      return;
    }
    partDone[part] = true;
    if (--partsLeft == 0) {
      done = true;
      execution.batches().close();
      observer.statementFinished(clock.finish(rows.get(), StatementRecord.OK));
    }
  }

  /** Ends the result after {@code cause}; returns the client's error for it. */
  synchronized ReportedError fail(Throwable cause) {
    if (failure != null) {
      return failure;
    }
    if (done) {
      return errors.report(clock.id(), cause);
    }
    done = true;
    execution.batches().close();
    failure = clock.fail(errors, observer, rows.get(), cause);
    return failure;
  }

  synchronized void close() {
    if (!done) {
      done = true;
      execution.batches().close();
      observer.statementFinished(clock.finish(rows.get(), StatementRecord.CLOSED_EARLY));
    }
  }
}
