package dev.scry.engine.translate;

import java.util.stream.IntStream;

/**
 * Names of the columns of every intermediate Dataset: {@code _c0 .. _cN} by position, so that Calcite's
 * field index i is always column {@code _ci}, across joins and self-joins alike.
 */
public final class Positional {
  private Positional() {}

  public static String name(int index) {
    return "_c" + index;
  }

  /** The names of the first {@code count} positions, for {@code Dataset.toDF}. */
  public static String[] names(int count) {
    return IntStream.range(0, count).mapToObj(Positional::name).toArray(String[]::new);
  }

  /** The names of positions {@code from} up to {@code from + count - 1}. */
  public static String[] names(int from, int count) {
    return IntStream.range(from, from + count).mapToObj(Positional::name).toArray(String[]::new);
  }
}
