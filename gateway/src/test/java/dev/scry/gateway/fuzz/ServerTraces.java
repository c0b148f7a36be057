package dev.scry.gateway.fuzz;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.AvaticaSqlException;

/**
 * The gateway's stack traces as Avatica's driver receives them with an error, read for the report:
 * which exceptions the gateway threw and where. They show what the message may hide (a failed prepare's
 * message is only "while preparing SQL: …").
 */
final class ServerTraces {
  /** A line of a stack trace that names an exception (its message may run over further lines). */
  private static final Pattern EXCEPTION_LINE =
      Pattern.compile(
          "(?:Caused by: )?(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error|Throwable)(?::.*)?");

  private ServerTraces() {}

  /** The first line of each exception in the gateway's traces, outermost first. */
  static List<String> exceptions(SQLException error) {
    List<String> lines = new ArrayList<>();
    for (String trace : traces(error)) {
      trace
          .lines()
          .filter(line -> EXCEPTION_LINE.matcher(line).matches())
          .map(
              line ->
                  line.startsWith("Caused by: ") ? line.substring("Caused by: ".length()) : line)
          .forEach(lines::add);
    }
    return lines;
  }

  /** Where the innermost exception of the gateway's trace was thrown: its first frames. */
  static List<String> innermostFrames(SQLException error, int frames) {
    List<String> traces = traces(error);
    if (traces.isEmpty()) {
      return List.of();
    }
    List<String> lines = traces.get(traces.size() - 1).lines().toList();
    int start = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("Caused by: ")) {
        start = i;
      }
    }
    return lines.subList(start, lines.size()).stream()
        .filter(line -> line.strip().startsWith("at "))
        .limit(frames)
        .map(String::strip)
        .toList();
  }

  /** The gateway's stack traces, from the exception or a cause (where the driver keeps them differs). */
  private static List<String> traces(SQLException error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      List<String> traces =
          t instanceof AvaticaSqlException sql
              ? sql.getStackTraces()
              : t instanceof AvaticaClientRuntimeException runtime
                  ? runtime.getServerExceptions()
                  : null;
      if (traces != null && !traces.isEmpty()) {
        return traces;
      }
    }
    return List.of();
  }
}
