package dev.scry.gateway.cache;

import dev.scry.gateway.exec.RowSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * A result streamed to its client as usual, with a copy of its rows kept on the side while they fit
 * the cache's bound for one result; handed to {@code onComplete} only when the client read it to the
 * end. A result closed early, or larger than the bound, is not kept.
 */
final class RecordingRowSource implements RowSource {
  private final RowSource rows;
  private final long maxBytes;
  private final BiConsumer<List<Object[]>, Long> onComplete;
  private List<Object[]> kept = new ArrayList<>();
  private long bytes;
  private boolean done;

  RecordingRowSource(RowSource rows, long maxBytes, BiConsumer<List<Object[]>, Long> onComplete) {
    this.rows = Objects.requireNonNull(rows, "rows");
    this.maxBytes = maxBytes;
    this.onComplete = Objects.requireNonNull(onComplete, "onComplete");
  }

  @Override
  public boolean hasNext() {
    boolean more = rows.hasNext();
    if (!more) {
      finish();
    }
    return more;
  }

  @Override
  public Object[] next() {
    Object[] row = rows.next();
    keep(row);
    return row;
  }

  @Override
  public List<Object[]> nextBatch(int max) {
    List<Object[]> batch = rows.nextBatch(max);
    for (Object[] row : batch) {
      keep(row);
    }
    if (batch.size() < max) {
      finish();
    }
    return batch;
  }

  private void keep(Object[] row) {
    if (kept == null) {
      return;
    }
    bytes += RowSizes.estimate(row);
    if (bytes > maxBytes) {
      kept = null;
    } else {
      kept.add(row.clone());
    }
  }

  private void finish() {
    if (!done && kept != null) {
      onComplete.accept(kept, bytes);
    }
    done = true;
  }

  @Override
  public void close() {
    done = true;
    kept = null;
    rows.close();
  }
}
