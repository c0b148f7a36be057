package dev.scry.planner.ddl;

import dev.scry.planner.spi.InputMonitor;
import dev.scry.planner.spi.LogTables;
import dev.scry.planner.spi.QueryAnalyzer;
import dev.scry.planner.spi.TableWriter;
import java.util.Objects;

/**
 * What only an engine does for the commands: write a query's rows as a table's files ({@code writer}),
 * read and write tables through their transaction log ({@code logTables}: Delta writes, DESCRIBE
 * HISTORY, EXPLAIN's file counts), run EXPLAIN ANALYZE's query ({@code analyzer}) and profile what
 * models score ({@code monitor}).
 */
public record CommandEngine(
    TableWriter writer, LogTables logTables, QueryAnalyzer analyzer, InputMonitor monitor) {
  public CommandEngine {
    Objects.requireNonNull(writer, "writer");
    Objects.requireNonNull(logTables, "logTables");
    Objects.requireNonNull(analyzer, "analyzer");
    Objects.requireNonNull(monitor, "monitor");
  }
}
