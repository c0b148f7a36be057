package dev.scry.gateway.exec;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;

/**
 * A query's result as Arrow record batches the engine built where the rows are, pulled one at a time
 * so that a large result never sits whole in memory (the Flight endpoint's form of a {@link RowSource}),
 * in parts that different threads may read at the same time (one part: the whole result in order).
 */
public interface ArrowBatches extends AutoCloseable {
  int parts();

  /**
   * The next batch of {@code part}, its buffers in {@code allocator} (the caller closes it); null after
   * the part's last. One reader per part.
   */
  ArrowRecordBatch next(int part, BufferAllocator allocator);

  @Override
  void close();
}
