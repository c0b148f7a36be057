package dev.scry.gateway.cache;

import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;

/**
 * Counts the Spark jobs started while a statement runs: a result answered from the cache starts none,
 * a computed one at least one. Waits for Spark's listener bus, which delivers events asynchronously.
 */
final class SparkJobCounter extends SparkListener {
  private static final long WAIT_MILLIS = 30_000;

  private final SparkContext context;
  private final AtomicInteger started = new AtomicInteger();

  private SparkJobCounter(SparkContext context) {
    this.context = context;
  }

  static SparkJobCounter on(SparkContext context) {
    SparkJobCounter counter = new SparkJobCounter(context);
    context.addSparkListener(counter);
    return counter;
  }

  @Override
  public void onJobStart(SparkListenerJobStart jobStart) {
    started.incrementAndGet();
  }

  /** Runs {@code work} and returns how many jobs Spark started meanwhile. */
  int jobsDuring(ThrowingRunnable work) throws Exception {
    drain();
    int before = started.get();
    work.run();
    drain();
    return started.get() - before;
  }

  private void drain() throws TimeoutException {
    context.listenerBus().waitUntilEmpty(WAIT_MILLIS);
  }

  /** A statement run that may throw what JDBC throws. */
  interface ThrowingRunnable {
    void run() throws Exception;
  }
}
