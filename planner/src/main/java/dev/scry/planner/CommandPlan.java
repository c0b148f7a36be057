package dev.scry.planner;

import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlNode;

/**
 * A statement that is not a query (DDL, SHOW, DESCRIBE, SET, EXPLAIN): parsed now, run when the
 * statement is executed. {@code columns} describes the rows it returns (empty for DDL).
 */
public record CommandPlan(String sql, SqlNode node, List<ResultColumn> columns)
    implements PlannedStatement {
  public CommandPlan {
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(node, "node");
    columns = List.copyOf(columns);
  }
}
