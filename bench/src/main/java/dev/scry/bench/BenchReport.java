package dev.scry.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/** Formats the bench's results as a Markdown page: the machine, the settings, the table. */
final class BenchReport {
  private BenchReport() {}

  static String table(List<BenchResult> results) {
    StringBuilder out = new StringBuilder();
    out.append("| id | measure | Scry | baseline | ratio | target | met |\n");
    out.append("|---|---|---|---|---|---|---|\n");
    for (BenchResult r : results) {
      out.append("| ")
          .append(r.id())
          .append(" | ")
          .append(r.measure())
          .append(" | ")
          .append(r.scry())
          .append(" | ")
          .append(r.baseline())
          .append(" | ")
          .append(r.ratio())
          .append(" | ")
          .append(r.target())
          .append(" | ")
          .append(r.met() ? "yes" : "**no**")
          .append(" |\n");
    }
    return out.toString();
  }

  static String machine() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    long memory = os instanceof OperatingSystemMXBean sun ? sun.getTotalMemorySize() : -1;
    return String.format(
        Locale.ROOT,
        "%d cores, %.1f GiB, %s %s, Java %s (%s)",
        Runtime.getRuntime().availableProcessors(),
        memory / (1024.0 * 1024 * 1024),
        System.getProperty("os.name"),
        System.getProperty("os.version"),
        System.getProperty("java.version"),
        System.getProperty("java.vm.name"));
  }

  static String page(String settings, List<BenchResult> results) {
    return "# Benchmarks\n\n"
        + "Written by `./scry bench` on "
        + LocalDate.now()
        + ". Machine: "
        + machine()
        + ".\n"
        + "Settings: "
        + settings
        + ".\n\n"
        + "Each figure is the median of the runs after warm-up; the spread is (max - min) / median.\n"
        + "Ratios compare Scry with the baseline measured in the same process, in the same run.\n"
        + "How to read it: docs/benchmarks.md.\n\n"
        + table(results);
  }

  static String seconds(Measure m) {
    return String.format(Locale.ROOT, "%.3f s (±%.0f%%)", m.median(), m.spreadPercent());
  }

  static String millis(double seconds) {
    return String.format(Locale.ROOT, "%.1f ms", seconds * 1000);
  }

  static String ratio(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }
}
