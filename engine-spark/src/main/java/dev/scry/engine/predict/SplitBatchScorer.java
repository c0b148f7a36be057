package dev.scry.engine.predict;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.apache.spark.sql.Row;

/**
 * Scores a batch whole on the calling thread, or in parts on the calling thread and helper threads at
 * once ({@link IdleCores}): each part has a {@link BatchScorer} of its own (its input buffers are not
 * shared), all on the same session, whose {@code run} is thread-safe. The rows come back in order.
 */
final class SplitBatchScorer {
  /** ONNX Runtime's rows per second stop growing with the batch from about 64 rows (rf_iris). */
  static final int MIN_PART_ROWS = 64;

  private final Supplier<BatchScorer> scorers;
  private final List<BatchScorer> parts = new ArrayList<>();

  /** @param scorers makes the scorer of each part, the first for the calling thread */
  SplitBatchScorer(Supplier<BatchScorer> scorers) {
    this.scorers = scorers;
  }

  /** The rows' output values, scored in up to {@code helpers} + 1 parts. */
  Object[][] score(List<Row> rows, int helpers, ExecutorService pool) {
    int count = Math.min(helpers + 1, rows.size() / MIN_PART_ROWS);
    if (count <= 1) {
      return scorer(0).score(rows);
    }
    int size = (rows.size() + count - 1) / count;
    List<Future<Object[][]>> others = new ArrayList<>();
    for (int from = size, p = 1; from < rows.size(); from += size, p++) {
      BatchScorer scorer = scorer(p);
      List<Row> part = rows.subList(from, Math.min(rows.size(), from + size));
      others.add(pool.submit(() -> scorer.score(part)));
    }
    Object[][] values = new Object[rows.size()][];
    RuntimeException failure = null;
    try {
      Object[][] first = scorer(0).score(rows.subList(0, size));
      System.arraycopy(first, 0, values, 0, first.length);
    } catch (RuntimeException e) {
      failure = e;
    }
    // Every part is waited for, even after a failure: a part still running uses its scorer's
    // buffers.
    for (int p = 1; p <= others.size(); p++) {
      try {
        Object[][] part = awaitUninterruptibly(others.get(p - 1));
        System.arraycopy(part, 0, values, p * size, part.length);
      } catch (ExecutionException e) {
        if (failure == null) {
          failure =
              e.getCause() instanceof RuntimeException runtime
                  ? runtime
                  : new ModelScoringException("Scoring a part of a batch failed", e.getCause());
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    return values;
  }

  private BatchScorer scorer(int part) {
    while (parts.size() <= part) {
      parts.add(scorers.get());
    }
    return parts.get(part);
  }

  /** The part's values; an interrupt (a killed task) is kept for the task to see after the batch. */
  private static Object[][] awaitUninterruptibly(Future<Object[][]> part)
      throws ExecutionException {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return part.get();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
