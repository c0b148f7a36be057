package dev.scry.engine;

/**
 * Hears what Spark did for each statement execution once its tasks are counted (the statement log's
 * figures): the gateway keeps them for {@code scry.queries}. Called on Spark's statement-log thread,
 * or on the caller's after a failure; must return quickly.
 */
@FunctionalInterface
public interface ExecutionObserver {
  ExecutionObserver NONE = stats -> {};

  void executionFinished(ExecutionStats stats);
}
