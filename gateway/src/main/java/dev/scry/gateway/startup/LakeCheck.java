package dev.scry.gateway.startup;

import dev.scry.gateway.config.LakeAccounts;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the lake before the gateway is ready (see {@link LakeProbe} for what is probed): all probes at
 * once, each bounded by its account's retry budget and all together by {@code deadline}. The first failure,
 * in the order of the probes (the warehouse first), stops the start.
 */
public final class LakeCheck {
  private static final Logger LOG = LoggerFactory.getLogger(LakeCheck.class);

  /** Scry never creates containers; a probe must not either, whatever the Spark settings say. */
  private static final String CREATE_CONTAINERS =
      "fs.azure.createRemoteFileSystemDuringInitialization";

  private final Configuration hadoop;
  private final Duration deadline;

  /** {@code hadoop}: the configuration with the accounts' settings, as Spark and the catalog use it. */
  public LakeCheck(Configuration hadoop, Duration deadline) {
    this.hadoop = Objects.requireNonNull(hadoop, "hadoop");
    this.deadline = Objects.requireNonNull(deadline, "deadline");
  }

  public void check(LakeAccounts accounts, String warehouseUri) {
    List<LakeProbe> probes = LakeProbe.plan(accounts, warehouseUri);
    if (probes.isEmpty()) {
      return;
    }
    Configuration probing = new Configuration(hadoop);
    probing.setBoolean(CREATE_CONTAINERS, false);
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(probes.size(), 8),
            runnable -> {
              Thread thread = new Thread(runnable, "scry-lake-check");
              thread.setDaemon(true);
              return thread;
            });
    try {
      List<Future<Optional<StartupFailure>>> results = new ArrayList<>();
      for (LakeProbe probe : probes) {
        results.add(pool.submit(() -> run(probe, probing)));
      }
      long end = System.nanoTime() + deadline.toNanos();
      for (int i = 0; i < probes.size(); i++) {
        Optional<StartupFailure> failure = await(probes.get(i), results.get(i), end);
        if (failure.isPresent()) {
          throw failure.get();
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private Optional<StartupFailure> await(
      LakeProbe probe, Future<Optional<StartupFailure>> result, long end) {
    try {
      return result.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      return Optional.of(
          StartupFailure.of(
              "storage '"
                  + probe.account().name()
                  + "' (account '"
                  + probe.account().account()
                  + "') did not answer within "
                  + deadline.toSeconds()
                  + " s; check that "
                  + "the service is up and that this machine can reach it",
              e));
    } catch (ExecutionException e) {
      return probe.judge(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw StartupFailure.of("the start was interrupted while checking the lake", e);
    }
  }

  /** The container root's status, read by a file system of the probe's own (closed afterwards). */
  private static Optional<StartupFailure> run(LakeProbe probe, Configuration probing) {
    long start = System.nanoTime();
    URI root = URI.create(probe.uri());
    FileSystem fs = null;
    try {
      fs = FileSystem.newInstance(root, probing);
      fs.getFileStatus(new Path(root));
      LOG.info(
          "Storage '{}': {} answered in {} ms",
          probe.account().name(),
          probe.uri(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
      closeQuietly(fs);
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      Optional<StartupFailure> failure = probe.judge(e);
      LOG.info(
          "Storage '{}': {} {} in {} ms",
          probe.account().name(),
          probe.uri(),
          failure.isEmpty() ? "answered (reachability only)" : "failed",
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
      if (fs != null) {
        // Closing talks to the account once more (hadoop-azure sends its metrics), with retries:
        // not inline.
        FileSystem open = fs;
        Thread closer = new Thread(() -> closeQuietly(open), "scry-lake-check-close");
        closer.setDaemon(true);
        closer.start();
      }
      return failure;
    }
  }

  private static void closeQuietly(FileSystem fs) {
    try {
      fs.close();
    } catch (IOException | RuntimeException e) {
      LOG.debug("Closing a probe's file system failed", e);
    }
  }
}
