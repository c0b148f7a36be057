package dev.scry.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of a process's threads, VM threads included (GC, JIT), read from Linux's {@code
 * /proc/PID/task} in clock ticks of 10 ms; empty where there is no such folder. A snapshot keys each
 * thread by its id and name, so that a thread started or ended between two snapshots still counts.
 */
final class ThreadCpu {
  /** Linux's clock tick (USER_HZ), in milliseconds. */
  static final long TICK_MILLIS = 10;

  private ThreadCpu() {}

  /** Ticks used so far by each thread of {@code pid} ({@code "self"} for this JVM): "tid name" to ticks. */
  static Map<String, Long> snapshot(String pid) throws IOException {
    Map<String, Long> ticks = new HashMap<>();
    Path tasks = Path.of("/proc", pid, "task");
    if (!Files.isDirectory(tasks)) {
      return ticks;
    }
    try (Stream<Path> threads = Files.list(tasks)) {
      for (Path thread : threads.toList()) {
        try {
          String stat = Files.readString(thread.resolve("stat"));
          int close = stat.lastIndexOf(')');
          String name = stat.substring(stat.indexOf('(') + 1, close);
          // After the name: state is field 3 of stat, utime field 14 and stime field 15.
          String[] fields = stat.substring(close + 2).split(" ");
          long used = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
          ticks.put(thread.getFileName() + " " + name, used);
        } catch (IOException | RuntimeException e) {
          // The thread ended while being read.
        }
      }
    }
    return ticks;
  }

  /**
   * Milliseconds of CPU between two snapshots, summed by thread name with digits as {@code #} (Spark's
   * task threads, Jetty's, GC's and JIT's each one group).
   */
  static Map<String, Long> millisByGroup(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> groups = new HashMap<>();
    after.forEach(
        (thread, ticks) -> {
          String group = thread.substring(thread.indexOf(' ') + 1).replaceAll("[0-9]+", "#");
          long used = ticks - before.getOrDefault(thread, 0L);
          groups.merge(group, used * TICK_MILLIS, Long::sum);
        });
    return groups;
  }
}
