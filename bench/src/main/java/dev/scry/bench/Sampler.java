package dev.scry.bench;

import java.util.ArrayList;
import java.util.List;

/** Runs a piece of work a few times to warm up, then a fixed number of times, timing each run. */
final class Sampler {
  private final int warmups;
  private final int repeats;
  private final Progress progress;

  Sampler(int warmups, int repeats, Progress progress) {
    this.warmups = warmups;
    this.repeats = repeats;
    this.progress = progress;
  }

  /** Work that returns something; the result is checked so that the JIT cannot skip the work. */
  interface Work {
    Object run() throws Exception;
  }

  /** Seconds per run. */
  Measure seconds(String label, Work work) throws Exception {
    for (int i = 0; i < warmups; i++) {
      progress.step(label + " warm-up " + (i + 1) + "/" + warmups);
      check(work.run());
    }
    List<Double> samples = new ArrayList<>();
    for (int i = 0; i < repeats; i++) {
      progress.step(label + " run " + (i + 1) + "/" + repeats);
      long start = System.nanoTime();
      check(work.run());
      samples.add((System.nanoTime() - start) / 1e9);
    }
    return new Measure(label, "s", samples);
  }

  int repeats() {
    return repeats;
  }

  private static void check(Object result) {
    if (result == null) {
      throw new IllegalStateException("benchmark work returned nothing");
    }
  }

  /** Where progress lines go (standard error, so that the table on standard output stays clean). */
  interface Progress {
    void step(String message);
  }
}
