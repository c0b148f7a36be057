package dev.scry.gateway.exec;

import dev.scry.planner.QueryPlan;
import java.util.List;
import java.util.function.Supplier;
import org.apache.arrow.vector.types.pojo.Schema;

/** Runs planned queries. The gateway's only view of the execution engine. */
public interface QueryEngine {
  /** Starts the query and returns its rows as they are produced; {@code jobGroup} names its work for cancel. */
  RowSource run(QueryPlan plan, List<Object> parameters, String jobGroup);

  /**
   * Starts the query with its result as Arrow record batches of {@code schema}'s types, at most {@code
   * batchRows} rows each, built by the engine in {@code parts}; null (nothing started) when it cannot
   * build them.
   */
  default ArrowBatches runArrow(
      QueryPlan plan,
      List<Object> parameters,
      String jobGroup,
      Schema schema,
      int batchRows,
      int parts) {
    return null;
  }

  /** Into how many parts to be read at the same time the query's result is best split. Runs nothing. */
  default int arrowParts(QueryPlan plan, List<Object> parameters) {
    return 1;
  }

  /** Runs a command (a table write, say) with its engine work in {@code jobGroup}, so cancel reaches it. */
  <T> T runCommand(String jobGroup, String description, Supplier<T> command);

  /** Stops the work of {@code jobGroup}, if any runs. */
  void cancel(String jobGroup);
}
