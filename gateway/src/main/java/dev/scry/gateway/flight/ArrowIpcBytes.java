package dev.scry.gateway.flight;

import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.ipc.message.MessageSerializer;

/**
 * The size of a record batch as Flight sends it: its IPC message metadata (Flight's data header) and
 * its body (the buffers, padded as IPC pads them). gRPC's own framing is not included.
 */
final class ArrowIpcBytes {
  private ArrowIpcBytes() {}

  private static long of(ArrowRecordBatch batch) {
    return MessageSerializer.serializeMetadata(batch, IpcOption.DEFAULT).remaining()
        + batch.computeBodyLength();
  }

  /** The batch {@code root} holds now, unloaded as Flight unloads it to send it. */
  static long of(VectorSchemaRoot root) {
    try (ArrowRecordBatch batch = new VectorUnloader(root).getRecordBatch()) {
      return of(batch);
    }
  }
}
