package dev.scry.gateway.flight;

import dev.scry.gateway.session.Batch;
import dev.scry.gateway.session.Operation;
import dev.scry.gateway.session.Outcome;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.flight.BackpressureStrategy;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams an operation's result to a Flight client batch by batch, each sent once the client's
 * transport is ready for it, so the gateway holds one batch at a time however large the result and
 * however slow the client. Record batches Spark's tasks built ({@link Outcome.Batches}) are passed on
 * as they are, their buffers loaded into the stream's vectors; a result Spark cannot build batches of
 * arrives as rows, and each {@link Batch} of them (at most the frame size) is written into one record
 * batch here. Each batch's Arrow IPC size is told to the operation ({@code scry.queries} and the
 * metrics count it). A client that goes away ends the stream; the operation's result is then closed
 * by its owner.
 */
final class ResultStream {
  private static final Logger LOG = LoggerFactory.getLogger(ResultStream.class);

  /** How long to wait for a slow client before checking again whether it went away. */
  private static final long READY_WAIT_MILLIS = 30_000;

  private final BufferAllocator allocator;
  private final int frameRows;

  ResultStream(BufferAllocator allocator, int frameRows) {
    this.allocator = Objects.requireNonNull(allocator, "allocator");
    this.frameRows = frameRows;
  }

  /**
   * Sends {@code part} of {@code outcome} (an update count sends no rows; rows are all in part 0) and
   * the rest of it; false when the client went away first.
   */
  boolean send(
      Operation operation,
      Outcome outcome,
      int part,
      Schema schema,
      ServerStreamListener listener) {
    BackpressureStrategy.CallbackBackpressureStrategy backpressure =
        new BackpressureStrategy.CallbackBackpressureStrategy();
    backpressure.register(listener);
    try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
      listener.start(root);
      if (outcome instanceof Outcome.Batches) {
        if (!sendBatches(operation, part, root, backpressure, listener)) {
          return false;
        }
      } else if (outcome instanceof Outcome.Rows rows && part == 0) {
        Batch batch = rows.first();
        while (true) {
          if (!batch.rows().isEmpty()) {
            if (!waitUntilReady(backpressure)) {
              return false;
            }
            ArrowRows.write(root, batch.rows());
            operation.resultSent(ArrowIpcBytes.of(root));
            listener.putNext();
          }
          if (batch.done()) {
            break;
          }
          batch = operation.fetch(batch.offset() + batch.rows().size(), frameRows);
        }
      }
      listener.completed();
      return true;
    }
  }

  /** Passes the engine's record batches on; false when the client went away first. */
  private boolean sendBatches(
      Operation operation,
      int part,
      VectorSchemaRoot root,
      BackpressureStrategy backpressure,
      ServerStreamListener listener) {
    VectorLoader loader = new VectorLoader(root);
    while (true) {
      if (!waitUntilReady(backpressure)) {
        return false;
      }
      try (ArrowRecordBatch batch = operation.fetchArrow(part, allocator)) {
        if (batch == null) {
          return true;
        }
        // The root takes over the batch's buffers: no copy, no rows.
        loader.load(batch);
      }
      // Counted as Flight sends it: unloaded from the root.
      operation.resultSent(ArrowIpcBytes.of(root));
      listener.putNext();
    }
  }

  /** A small result of {@code schema} in one record batch (the metadata commands' answers). */
  void sendRows(Schema schema, List<Object[]> rows, ServerStreamListener listener) {
    try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
      listener.start(root);
      ArrowRows.write(root, rows);
      listener.putNext();
      listener.completed();
    }
  }

  /**
   * False when the client cancelled or went away. A client that reads nothing for a while is logged:
   * its statement keeps a batch in memory meanwhile (and a sender that waits on the call's own gRPC
   * thread would show here too: readiness is announced on that thread).
   */
  private static boolean waitUntilReady(BackpressureStrategy strategy) {
    while (true) {
      BackpressureStrategy.WaitResult result = strategy.waitForListener(READY_WAIT_MILLIS);
      if (result == BackpressureStrategy.WaitResult.READY) {
        return true;
      }
      if (result != BackpressureStrategy.WaitResult.TIMEOUT) {
        return false;
      }
      LOG.warn(
          "A Flight SQL client has read nothing for {} s; its result waits for it",
          READY_WAIT_MILLIS / 1000);
    }
  }
}
