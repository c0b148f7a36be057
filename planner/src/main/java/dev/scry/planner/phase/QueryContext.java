package dev.scry.planner.phase;

import java.util.Objects;
import java.util.function.Supplier;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.tools.RelBuilder;

/**
 * What the phases of one query share: the catalog reader, the validator (whose answers about the
 * validated tree the plan keeps: parameter types, column origins), the cluster and the converter. Made
 * once per query by the {@link QueryPlanner}; {@code validators} makes a fresh validator for SQL validated
 * on the side (the DATA of a T-SQL PREDICT).
 */
public record QueryContext(
    CalciteCatalogReader catalogReader,
    SqlValidator validator,
    RelOptCluster cluster,
    SqlToRelConverter converter,
    Supplier<SqlValidator> validators) {
  public QueryContext {
    Objects.requireNonNull(catalogReader, "catalogReader");
    Objects.requireNonNull(validator, "validator");
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(converter, "converter");
    Objects.requireNonNull(validators, "validators");
  }

  public RelDataTypeFactory typeFactory() {
    return cluster.getTypeFactory();
  }

  public RelBuilder relBuilder() {
    return RelFactories.LOGICAL_BUILDER.create(cluster, catalogReader);
  }

  public SqlValidator newValidator() {
    return validators.get();
  }
}
