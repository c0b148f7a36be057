package dev.scry.planner.system;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The gateway's system tables, schema {@code scry}: what it ran and runs ({@code queries}), who is
 * connected ({@code sessions}) and what PREDICT scored per model version ({@code model_usage}). Their
 * columns are fixed here; their rows come from the gateway when a query reads them.
 */
public final class SystemTables {
  public static final String SCHEMA = "scry";

  public static final SystemTable QUERIES =
      new SystemTable(
          "queries",
          List.of(
              new SystemColumn("statement_id", SqlTypeName.VARCHAR),
              new SystemColumn("user_name", SqlTypeName.VARCHAR),
              new SystemColumn("protocol", SqlTypeName.VARCHAR),
              new SystemColumn("state", SqlTypeName.VARCHAR),
              new SystemColumn("start_time", SqlTypeName.TIMESTAMP),
              new SystemColumn("duration_ms", SqlTypeName.BIGINT),
              new SystemColumn("rows_returned", SqlTypeName.BIGINT),
              new SystemColumn("bytes_read", SqlTypeName.BIGINT),
              new SystemColumn("sqlstate", SqlTypeName.VARCHAR),
              new SystemColumn("sql_digest", SqlTypeName.VARCHAR),
              new SystemColumn("tasks_done", SqlTypeName.INTEGER),
              new SystemColumn("tasks_total", SqlTypeName.INTEGER),
              new SystemColumn("bytes_returned", SqlTypeName.BIGINT),
              new SystemColumn("reused", SqlTypeName.BOOLEAN)));

  public static final SystemTable SESSIONS =
      new SystemTable(
          "sessions",
          List.of(
              new SystemColumn("session_id", SqlTypeName.VARCHAR),
              new SystemColumn("user_name", SqlTypeName.VARCHAR),
              new SystemColumn("protocol", SqlTypeName.VARCHAR),
              new SystemColumn("open_statements", SqlTypeName.INTEGER),
              new SystemColumn("running_statements", SqlTypeName.INTEGER),
              new SystemColumn("idle_ms", SqlTypeName.BIGINT)));

  public static final SystemTable MODEL_USAGE =
      new SystemTable(
          "model_usage",
          List.of(
              new SystemColumn("model_name", SqlTypeName.VARCHAR),
              new SystemColumn("model_version", SqlTypeName.INTEGER),
              new SystemColumn("rows_scored", SqlTypeName.BIGINT),
              new SystemColumn("batches", SqlTypeName.BIGINT),
              new SystemColumn("mean_batch_ms", SqlTypeName.DOUBLE),
              new SystemColumn("p95_batch_ms", SqlTypeName.DOUBLE),
              new SystemColumn("errors", SqlTypeName.BIGINT),
              new SystemColumn("last_used", SqlTypeName.TIMESTAMP)));

  public static final List<SystemTable> ALL = List.of(MODEL_USAGE, QUERIES, SESSIONS);

  private SystemTables() {}

  /** The table of that name (case-insensitive), if there is one. */
  public static Optional<SystemTable> find(String name) {
    return ALL.stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst();
  }

  /** The schema as Calcite sees it. */
  public static AbstractSchema schema() {
    Map<String, Table> tables =
        ALL.stream().collect(Collectors.toUnmodifiableMap(SystemTable::name, Function.identity()));
    return new AbstractSchema() {
      @Override
      protected Map<String, Table> getTableMap() {
        return tables;
      }
    };
  }
}
