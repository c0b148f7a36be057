package dev.scry.gateway.fuzz;

import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/** Random choices for the generators; one per statement, so that a statement depends only on its seed. */
final class Pick {
  private final Random random;

  Pick(long seed) {
    this.random = new Random(seed);
  }

  /**
   * The generator of statement {@code index} in run {@code seed}: the same whatever ran before it. The seed
   * is mixed first, since java.util.Random's first values for neighbouring seeds are close.
   */
  static Pick forStatement(long seed, int index) {
    return new Pick(new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index).nextLong());
  }

  boolean chance(double probability) {
    return random.nextDouble() < probability;
  }

  /** A number in [from, to]. */
  int between(int from, int to) {
    return from + random.nextInt(to - from + 1);
  }

  int below(int bound) {
    return random.nextInt(bound);
  }

  @SafeVarargs
  final <T> T oneOf(T... choices) {
    return choices[random.nextInt(choices.length)];
  }

  <T> T oneOf(List<T> choices) {
    return choices.get(random.nextInt(choices.size()));
  }

  /** One of the suppliers' values: a cheap way to pick a production of the grammar. */
  @SafeVarargs
  final String anyOf(Supplier<String>... productions) {
    return oneOf(productions).get();
  }
}
