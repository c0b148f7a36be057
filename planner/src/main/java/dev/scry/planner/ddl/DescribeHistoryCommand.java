package dev.scry.planner.ddl;

import dev.scry.planner.CommandPlan;
import dev.scry.planner.CommandResult;
import dev.scry.planner.ErrorCode;
import dev.scry.planner.ResultColumn;
import dev.scry.planner.ScryException;
import dev.scry.planner.SessionState;
import dev.scry.planner.catalog.Catalog;
import dev.scry.planner.catalog.TableDefinition;
import dev.scry.planner.parser.ddl.ScryDescribeHistory;
import dev.scry.planner.spi.LogTables;
import dev.scry.planner.spi.TableCommit;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * DESCRIBE HISTORY name: one row per commit its Delta log still holds, newest first: version, time,
 * operation, rows written (NULL where the commit does not say) and the writer. Other formats keep no
 * history and are refused.
 */
final class DescribeHistoryCommand implements CommandHandler<ScryDescribeHistory> {
  static final List<ResultColumn> COLUMNS =
      List.of(
          new ResultColumn("version", SqlTypeName.BIGINT),
          new ResultColumn("timestamp", SqlTypeName.TIMESTAMP),
          ResultColumn.varchar("operation"),
          new ResultColumn("rows_written", SqlTypeName.BIGINT),
          ResultColumn.varchar("engine"));
  static final StatementKind<ScryDescribeHistory> KIND =
      new StatementKind<>(
          ScryDescribeHistory.class,
          COLUMNS,
          services -> new DescribeHistoryCommand(services.catalog(), services.logTables()));

  private final Catalog catalog;
  private final Optional<LogTables> logTables;

  DescribeHistoryCommand(Catalog catalog, Optional<LogTables> logTables) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.logTables = Objects.requireNonNull(logTables, "logTables");
  }

  @Override
  public CommandResult execute(
      ScryDescribeHistory describe, CommandPlan plan, SessionState session) {
    QualifiedName name = QualifiedName.of(describe.table(), session, catalog.snapshot());
    TableDefinition table =
        catalog
            .snapshot()
            .table(name.schema(), name.table())
            .orElseThrow(
                () ->
                    new ScryException(
                        ErrorCode.TABLE_NOT_FOUND, "Table '" + name + "' does not exist"));
    if (!table.format().hasLog()) {
      throw new ScryException(
          ErrorCode.NOT_SUPPORTED,
          "DESCRIBE HISTORY reads a Delta table's log; "
              + table.qualifiedName()
              + " is stored as "
              + table.format()
              + ", which keeps no history");
    }
    LogTables log =
        logTables.orElseThrow(
            () ->
                new ScryException(
                    ErrorCode.NOT_SUPPORTED,
                    "This gateway has no engine to read table histories with"));
    List<List<Object>> rows = new ArrayList<>();
    for (TableCommit commit : log.history(table)) {
      // Arrays.asList: rows written and the engine may be NULL.
      rows.add(
          Arrays.asList(
              commit.version(),
              Timestamp.from(commit.timestamp()),
              commit.operation(),
              commit.rowsWritten().isPresent() ? commit.rowsWritten().getAsLong() : null,
              commit.engine().orElse(null)));
    }
    return CommandResult.rows(COLUMNS, rows);
  }
}
