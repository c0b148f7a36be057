package dev.scry.gateway.exec;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;

/**
 * A query's result as Arrow record batches the engine built where the rows are, pulled one at a time
 * so that a large result never sits whole in memory (the Flight endpoint's form of a {@link RowSource}).
 */
public interface ArrowBatches extends AutoCloseable {
  /** The next batch, its buffers in {@code allocator} (the caller closes it); null after the last. */
  ArrowRecordBatch next(BufferAllocator allocator);

  @Override
  void close();
}
