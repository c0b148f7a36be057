package dev.scry.gateway.fuzz;

import dev.scry.gateway.fuzz.FuzzRunner.Crashed;
import dev.scry.gateway.fuzz.FuzzRunner.Failed;
import dev.scry.gateway.fuzz.FuzzRunner.Hung;
import dev.scry.gateway.fuzz.FuzzRunner.Outcome;
import dev.scry.gateway.fuzz.FuzzRunner.Succeeded;
import dev.scry.gateway.fuzz.StatementGenerator.FuzzStatement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the fuzz saw: counts per mode and outcome, and the offenders (statements whose answer breaks
 * the {@link ErrorContract}, hangs, non-SQL exceptions), listed for reproduction and grouped by the
 * exception class and the first words of the message.
 */
final class FuzzReport {
  /**
   * A statement whose answer breaks the contract: what the client read, and the gateway's exceptions
   * ({@code server}: the first line of each, outermost first, when the driver received them).
   */
  record Offender(
      FuzzStatement statement,
      String state,
      String message,
      List<String> server,
      List<String> frames,
      List<String> problems) {
    boolean internal() {
      return ErrorContract.isInternal(message + String.join("\n", server));
    }

    /** Failures that differ only in names, numbers and positions fall in one group. */
    String group() {
      String text = server.isEmpty() ? message : server.get(server.size() - 1);
      int remote = text.indexOf("Remote driver error: ");
      if (remote >= 0) {
        text = text.substring(remote + "Remote driver error: ".length());
      }
      String firstLine =
          text.lines()
              .findFirst()
              .orElse("")
              .replaceAll("\\b(?:[a-z_$][\\w$]*\\.)+(?=[A-Z])", "")
              .replaceAll("'[^']*'|\"[^\"]*\"|`[^`]*`", "'…'")
              .replaceAll("\\d+", "N");
      String head = firstLine.length() > 110 ? firstLine.substring(0, 110) + "…" : firstLine;
      String exception = ErrorContract.exceptionClass(firstLine).orElse("no exception class");
      // Internal failures group by where they were thrown too: one NullPointerException is not
      // another.
      String where = internal() && !frames.isEmpty() ? " @ " + frames.get(0) : "";
      return (internal() ? "INTERNAL " : "") + exception + " | " + head + where;
    }
  }

  /** Frames shown for an internal failure: enough to see which code threw. */
  private static final int FRAMES = 8;

  private final long seed;

  /** Per mode: statements, of which succeeded, and the milliseconds they took. */
  private final Map<StatementGenerator.Mode, long[]> perMode =
      new EnumMap<>(StatementGenerator.Mode.class);

  private final List<Offender> offenders = new ArrayList<>();
  private int succeeded;
  private int failedCleanly;
  private int hangs;

  FuzzReport(long seed) {
    this.seed = seed;
  }

  void record(FuzzStatement statement, Outcome outcome, long millis) {
    long[] mode = perMode.computeIfAbsent(statement.mode(), m -> new long[3]);
    mode[0]++;
    mode[1] += outcome instanceof Succeeded ? 1 : 0;
    mode[2] += millis;
    if (outcome instanceof Succeeded) {
      succeeded++;
    } else if (outcome instanceof Failed failed) {
      List<String> problems = ErrorContract.violations(failed.error(), statement.sql());
      if (problems.isEmpty()) {
        failedCleanly++;
      } else {
        offenders.add(
            new Offender(
                statement,
                failed.error().getSQLState(),
                ErrorContract.messages(failed.error(), statement.sql()),
                ServerTraces.exceptions(failed.error()),
                ServerTraces.innermostFrames(failed.error(), FRAMES),
                problems));
      }
    } else if (outcome instanceof Crashed crashed) {
      offenders.add(
          new Offender(
              statement,
              null,
              crashed.error().getClass().getName() + ": " + crashed.error().getMessage(),
              List.of(),
              List.of(),
              List.of("not an SQLException")));
    } else if (outcome instanceof Hung hung) {
      hangs++;
      offenders.add(
          new Offender(
              statement,
              null,
              "no answer within " + hung.waited(),
              List.of(),
              List.of(),
              List.of("hang")));
    }
  }

  List<Offender> offenders() {
    return offenders;
  }

  int hangs() {
    return hangs;
  }

  String summary(int statements, long millis) {
    return "Statement fuzz: seed "
        + seed
        + ", "
        + statements
        + " statements in "
        + millis
        + " ms ("
        + perMode.entrySet().stream()
            .map(
                e ->
                    e.getValue()[0]
                        + " "
                        + e.getKey()
                        + " ("
                        + e.getValue()[1]
                        + " succeeded, "
                        + e.getValue()[2]
                        + " ms)")
            .toList()
        + "): "
        + succeeded
        + " succeeded, "
        + failedCleanly
        + " failed cleanly, "
        + offenders.size()
        + " offenders ("
        + offenders.stream().filter(Offender::internal).count()
        + " internal), "
        + hangs
        + " hangs";
  }

  /** The first {@code limit} offenders, each with what it takes to reproduce it. */
  String listing(int limit) {
    StringBuilder text = new StringBuilder();
    for (Offender offender : offenders.subList(0, Math.min(limit, offenders.size()))) {
      FuzzStatement statement = offender.statement();
      text.append("seed ")
          .append(seed)
          .append(", statement ")
          .append(statement.index())
          .append(" (")
          .append(statement.mode())
          .append(", ")
          .append(statement.origin())
          .append("): ")
          .append(statement.sql())
          .append("\n    ")
          .append(offender.problems())
          .append(" SQLSTATE ")
          .append(offender.state())
          .append(": ")
          .append(offender.message().strip().replace("\n", "\n    "))
          .append('\n');
      if (!offender.server().isEmpty()) {
        text.append("    gateway: ").append(String.join(" <- ", offender.server())).append('\n');
      }
    }
    if (offenders.size() > limit) {
      text.append("… and ").append(offenders.size() - limit).append(" more\n");
    }
    return text.toString();
  }

  /** Every offender that failed inside the gateway (up to {@code limit}): index, mode, SQL, innermost exception. */
  String internals(int limit) {
    StringBuilder text = new StringBuilder();
    offenders.stream()
        .filter(Offender::internal)
        .limit(limit)
        .forEach(
            offender ->
                text.append('#')
                    .append(offender.statement().index())
                    .append(' ')
                    .append(offender.statement().mode())
                    .append(": ")
                    .append(shorten(offender.statement().sql(), 300))
                    .append("\n    ")
                    .append(
                        offender.server().isEmpty()
                            ? shorten(offender.message().strip(), 300)
                            : offender.server().get(offender.server().size() - 1))
                    .append('\n'));
    return text.toString();
  }

  /** The offenders grouped by failure, internal ones first, then by how often; a few examples each. */
  String grouped(int examples) {
    Map<String, List<Offender>> groups = new LinkedHashMap<>();
    for (Offender offender : offenders) {
      groups.computeIfAbsent(offender.group(), g -> new ArrayList<>()).add(offender);
    }
    StringBuilder text = new StringBuilder();
    groups.entrySet().stream()
        .sorted(
            Comparator.<Map.Entry<String, List<Offender>>, Boolean>comparing(
                    e -> !e.getValue().get(0).internal())
                .thenComparing(e -> -e.getValue().size()))
        .forEach(
            group -> {
              text.append(group.getValue().size())
                  .append(" × ")
                  .append(group.getKey())
                  .append('\n');
              for (Offender offender :
                  group.getValue().subList(0, Math.min(examples, group.getValue().size()))) {
                text.append("    #")
                    .append(offender.statement().index())
                    .append(' ')
                    .append(offender.statement().mode())
                    .append(": ")
                    .append(shorten(offender.statement().sql(), 300))
                    .append("\n      ")
                    .append(
                        shorten(
                            offender.server().isEmpty()
                                ? offender.message().strip().replace('\n', ' ')
                                : String.join(" <- ", offender.server()),
                            500))
                    .append('\n');
              }
              // The JIT throws frequent exceptions without a stack trace: show the first example
              // that has one.
              group.getValue().stream()
                  .filter(o -> o.internal() && !o.frames().isEmpty())
                  .findFirst()
                  .ifPresent(
                      o ->
                          o.frames()
                              .forEach(
                                  frame -> text.append("        ").append(frame).append('\n')));
            });
    return text.toString();
  }

  private static String shorten(String text, int length) {
    return text.length() <= length ? text : text.substring(0, length) + "…";
  }
}
