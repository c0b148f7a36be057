package dev.scry.gateway.cache;

import dev.scry.gateway.exec.RowSource;
import java.util.Iterator;
import java.util.List;

/** A kept result handed to one reader; says it was reused, for the statement record. */
final class CachedRows implements RowSource {
  private final Iterator<Object[]> rows;

  CachedRows(List<Object[]> rows) {
    this.rows = List.copyOf(rows).iterator();
  }

  @Override
  public boolean hasNext() {
    return rows.hasNext();
  }

  @Override
  public Object[] next() {
    return rows.next();
  }

  @Override
  public boolean reused() {
    return true;
  }

  @Override
  public void close() {
    // Nothing to release: the rows are a copy in memory.
  }
}
