package dev.scry.gateway.startup;

import java.time.Duration;

/**
 * Ends the JVM. Spark's and hadoop-azure's non-daemon threads keep a JVM alive after its main thread
 * returns, so a failed start must exit explicitly; shutdown hooks (Spark deletes its temporary folders,
 * Hadoop closes its file systems) get {@code cleanup} to finish, then the JVM halts regardless, because a
 * file system closing against an unreachable account retries for seconds.
 */
public final class BoundedExit {
  private BoundedExit() {}

  public static void exit(int status, Duration cleanup) {
    Thread deadline =
        new Thread(
            () -> {
              try {
                Thread.sleep(cleanup.toMillis());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              Runtime.getRuntime().halt(status);
            },
            "scry-exit-deadline");
    deadline.setDaemon(true);
    deadline.start();
    System.exit(status);
  }
}
