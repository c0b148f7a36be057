package dev.scry.gateway.exec;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Rows of one result, pulled one at a time so that a large result never sits whole in memory. */
public interface RowSource extends AutoCloseable {
  boolean hasNext();

  /** The next row, values in the representation of {@code JdbcTypes}' frames' input (engine values). */
  Object[] next();

  /** Up to {@code max} next rows; fewer only when the rows run out. Sources that pay per step batch it. */
  default List<Object[]> nextBatch(int max) {
    List<Object[]> batch = new ArrayList<>();
    while (batch.size() < max && hasNext()) {
      batch.add(next());
    }
    return batch;
  }

  /** Whether these rows come from the result cache rather than from the engine (for the statement log). */
  default boolean reused() {
    return false;
  }

  @Override
  void close();

  static RowSource of(List<? extends List<Object>> rows) {
    Iterator<? extends List<Object>> it = rows.iterator();
    return new RowSource() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public Object[] next() {
        return it.next().toArray();
      }

      @Override
      public void close() {}
    };
  }
}
