package dev.scry.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * FetchProfile's JFR breakdown: where one side's execution samples fall, by thread group, by the
 * innermost Scry method on the stack and by leaf method, the {@value #TOP} largest of each.
 */
final class FetchSamples {
  static final int TOP = 14;

  private FetchSamples() {}

  /** Prints the execution samples of {@code recording}, titled {@code side}. */
  static void report(String side, Path recording) throws IOException {
    Map<String, Integer> byThread = new HashMap<>();
    Map<String, Integer> byScryMethod = new HashMap<>();
    Map<String, Integer> byLeaf = new HashMap<>();
    int total = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
      if (!"jdk.ExecutionSample".equals(event.getEventType().getName())
          || event.getStackTrace() == null) {
        continue;
      }
      total++;
      String thread = event.getThread("sampledThread").getJavaName();
      String group = thread == null ? "?" : thread.replaceAll("[0-9]+", "#");
      byThread.merge(group, 1, Integer::sum);
      List<RecordedFrame> frames = event.getStackTrace().getFrames();
      if (!frames.isEmpty()) {
        byLeaf.merge(group(group) + " " + method(frames.get(0)), 1, Integer::sum);
      }
      byScryMethod.merge(group(group) + " " + innermostScry(frames), 1, Integer::sum);
    }
    System.out.printf(Locale.ROOT, "%n%s: %d execution samples%n", side, total);
    print("by thread", byThread, total);
    print("by innermost Scry method", byScryMethod, total);
    print("by leaf method", byLeaf, total);
  }

  /** The innermost frame of Scry's code, the profile itself and the driver's shaded SLF4J left out. */
  private static String innermostScry(List<RecordedFrame> frames) {
    for (RecordedFrame frame : frames) {
      String type = frame.getMethod().getType().getName();
      if (type.startsWith("dev.scry.")
          && !type.startsWith("dev.scry.bench.")
          && !type.startsWith("dev.scry.jdbc.shaded.")) {
        return method(frame);
      }
    }
    return "(no Scry frame)";
  }

  /** A short name for a thread group: Spark's task threads, Jetty's, the client's, or the name. */
  private static String group(String thread) {
    // Spark names a task thread "Executor task launch worker …", and "… idle worker …" between
    // tasks.
    if (thread.startsWith("Executor task")) {
      return "[task]";
    }
    if (thread.startsWith("qtp") || thread.contains("jetty")) {
      return "[http]";
    }
    if ("main".equals(thread)) {
      return "[client]";
    }
    return "[" + thread + "]";
  }

  private static String method(RecordedFrame frame) {
    String type = frame.getMethod().getType().getName();
    return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
  }

  private static void print(String title, Map<String, Integer> counts, int total) {
    System.out.printf(Locale.ROOT, "  %s:%n", title);
    Map<Integer, List<String>> byCount = new TreeMap<>(Collections.reverseOrder());
    counts.forEach((key, count) -> byCount.computeIfAbsent(count, c -> new ArrayList<>()).add(key));
    int shown = 0;
    for (Map.Entry<Integer, List<String>> entry : byCount.entrySet()) {
      for (String key : entry.getValue()) {
        if (shown++ == TOP) {
          return;
        }
        System.out.printf(
            Locale.ROOT,
            "    %6d %5.1f%%  %s%n",
            entry.getKey(),
            100.0 * entry.getKey() / Math.max(1, total),
            key);
      }
    }
  }
}
