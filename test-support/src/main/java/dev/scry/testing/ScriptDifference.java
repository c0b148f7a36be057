package dev.scry.testing;

import java.util.List;

/**
 * Where a script's actual output first differs from the script, for the Quidem tests of the planner and
 * of the gateway: the line, with a few lines around it on both sides.
 */
public final class ScriptDifference {
  private static final int CONTEXT_LINES = 6;

  private ScriptDifference() {}

  /** The first line where the two differ, with the lines around it; null when they are equal. */
  public static String first(List<String> expected, List<String> actual) {
    int line = 0;
    while (line < expected.size()
        && line < actual.size()
        && expected.get(line).equals(actual.get(line))) {
      line++;
    }
    if (line == expected.size() && line == actual.size()) {
      return null;
    }
    int from = Math.max(0, line - 2);
    return "first difference at line "
        + (line + 1)
        + "\n--- expected\n"
        + String.join("\n", expected.subList(from, Math.min(expected.size(), line + CONTEXT_LINES)))
        + "\n+++ actual\n"
        + String.join("\n", actual.subList(from, Math.min(actual.size(), line + CONTEXT_LINES)));
  }
}
