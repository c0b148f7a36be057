package dev.scry.engine.predict;

import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;

/**
 * The task slots of this JVM that no scoring partition uses, lent to the partitions that do. Spark hands
 * out whole partitions, and a file scan's partitions are whole Parquet row groups: 10,000,000 rows in two
 * files made partitions of 3.7, 3.7 and 2.5 million rows, so on two cores the last one scored alone
 * while the other core idled (a fifth of P1's time). A partition that scores while fewer partitions
 * than slots do splits each batch and scores the parts on helper threads as well; with every slot
 * scoring, batches stay whole and no helper runs. Only scoring partitions are counted: a task of another
 * query on a free slot shares its core with a helper until a scoring partition ends or this one does.
 */
final class IdleCores {
  private static final Pattern LOCAL = Pattern.compile("local\\[(\\d+|\\*)(,\\d+)?]");
  private static final Pattern LOCAL_CLUSTER =
      Pattern.compile("local-cluster\\[\\s*\\d+\\s*,\\s*(\\d+)\\s*,.*]");

  private final int slots;
  private final AtomicInteger scoring = new AtomicInteger();

  /** Starts its threads when first given work: a JVM whose partitions never score alone has none. */
  private final ExecutorService helpers;

  /** @param slots the task slots of this JVM: at most this many threads score at once */
  IdleCores(int slots) {
    if (slots < 1) {
      throw new IllegalArgumentException("slots must be positive: " + slots);
    }
    this.slots = slots;
    AtomicInteger number = new AtomicInteger();
    this.helpers =
        Executors.newFixedThreadPool(
            Math.max(1, slots - 1),
            runnable -> {
              Thread thread =
                  new Thread(runnable, "scry-scoring-helper-" + number.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /** The slots of this executor JVM, read when a task first asks (SparkEnv is up by then). */
  static IdleCores shared() {
    return Shared.INSTANCE;
  }

  private static final class Shared {
    static final IdleCores INSTANCE = new IdleCores(slotsOfThisJvm());
  }

  /** A partition that scores until {@link Scoring#close()}. */
  Scoring startScoring() {
    scoring.incrementAndGet();
    return new Scoring();
  }

  /** Marks one scoring partition; closing it more than once counts once. */
  final class Scoring implements AutoCloseable {
    private boolean closed;

    /**
     * Helper threads this partition may use for its next batch: its share of the slots no scoring
     * partition holds (0 when every slot scores).
     */
    int helpers() {
      int active = Math.max(1, scoring.get());
      return Math.max(0, (slots - active) / active);
    }

    /** The threads that score the parts of a batch beside the task's own. */
    ExecutorService pool() {
      return helpers;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        scoring.decrementAndGet();
      }
    }
  }

  /**
   * This JVM's task slots: the executor's cores when set, else a local master's thread count, divided
   * by the cores a task takes, never more than the processors the JVM sees.
   */
  static int slotsOfThisJvm() {
    int processors = Runtime.getRuntime().availableProcessors();
    SparkEnv env = SparkEnv.get();
    if (env == null) {
      return 1;
    }
    return Math.min(processors, Math.max(1, slotsOf(env.conf(), processors)));
  }

  static int slotsOf(SparkConf conf, int processors) {
    return Math.max(1, coresOf(conf, processors) / Math.max(1, conf.getInt("spark.task.cpus", 1)));
  }

  private static int coresOf(SparkConf conf, int processors) {
    if (conf.contains("spark.executor.cores")) {
      return conf.getInt("spark.executor.cores", 1);
    }
    String master = conf.get("spark.master", "").trim().toLowerCase(Locale.ROOT);
    if ("local".equals(master)) {
      return 1;
    }
    Matcher local = LOCAL.matcher(master);
    if (local.matches()) {
      return "*".equals(local.group(1)) ? processors : Integer.parseInt(local.group(1));
    }
    Matcher cluster = LOCAL_CLUSTER.matcher(master);
    if (cluster.matches()) {
      return Integer.parseInt(cluster.group(1));
    }
    return processors;
  }
}
