package dev.scry.planner;

import java.util.Objects;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;

/**
 * A query, validated and optimized: {@code rel} is a tree of Calcite logical operators (and
 * {@link dev.scry.planner.rel.PredictRel}) whose row type is {@code rowType}, with the names the user
 * sees; {@code parameterRowType} types the {@code ?} parameters in order.
 */
public record QueryPlan(String sql, RelNode rel, RelDataType rowType, RelDataType parameterRowType)
    implements PlannedStatement {
  public QueryPlan {
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(rel, "rel");
    Objects.requireNonNull(rowType, "rowType");
    Objects.requireNonNull(parameterRowType, "parameterRowType");
  }
}
