package dev.scry.planner.ddl;

import dev.scry.planner.QueryPlan;
import dev.scry.planner.catalog.TableDefinition;
import java.util.List;
import java.util.Objects;

/**
 * An INSERT ready to write: the managed {@code table}, and {@code rows}, a query giving every one of its
 * columns in the table's order (left-out columns as NULL, a PARTITION clause's values as constants).
 * {@code partitionValues} holds the PARTITION clause's value per partition column, in the table's
 * order; empty when the statement names no partition.
 */
public record InsertPlan(TableDefinition table, QueryPlan rows, List<String> partitionValues) {
  public InsertPlan {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(rows, "rows");
    partitionValues = List.copyOf(partitionValues);
  }
}
