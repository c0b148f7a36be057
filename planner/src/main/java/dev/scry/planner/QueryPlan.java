package dev.scry.planner;

import java.util.List;
import java.util.Objects;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;

/**
 * A query, validated and optimized: {@code rel} is a tree of Calcite logical operators (and
 * {@link dev.scry.planner.rel.PredictRel}) whose row type is {@code rowType}, with the names the user
 * sees; {@code parameterRowType} types the {@code ?} parameters in order; {@code origins} says, per
 * result column, which table column it reads, if any.
 */
public record QueryPlan(
    String sql,
    RelNode rel,
    RelDataType rowType,
    RelDataType parameterRowType,
    List<ColumnOrigin> origins)
    implements PlannedStatement {
  public QueryPlan {
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(rel, "rel");
    Objects.requireNonNull(rowType, "rowType");
    Objects.requireNonNull(parameterRowType, "parameterRowType");
    origins = List.copyOf(origins);
    if (origins.size() != rowType.getFieldCount()) {
      throw new IllegalArgumentException(
          origins.size() + " origins for " + rowType.getFieldCount() + " columns");
    }
  }
}
