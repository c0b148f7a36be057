package dev.scry.planner.catalog;

import java.util.Objects;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.TemporalTable;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A catalog table as Calcite sees it. Plans scan it with a {@code LogicalTableScan}; the engine
 * unwraps the {@link TableDefinition} to read the files. It is a {@link TemporalTable} so that Calcite
 * validates {@code FOR SYSTEM_TIME AS OF} (and Scry's {@code FOR VERSION AS OF}) on it; the planner
 * refuses both for tables that keep no versions (only Delta tables do).
 */
public final class LakeTable extends AbstractTable implements TemporalTable {
  private final TableDefinition definition;

  public LakeTable(TableDefinition definition) {
    this.definition = Objects.requireNonNull(definition, "definition");
  }

  public TableDefinition definition() {
    return definition;
  }

  /** No period columns: a Delta table's versions are its log's, not a column's. */
  @Override
  public String getSysStartFieldName() {
    return "";
  }

  @Override
  public String getSysEndFieldName() {
    return "";
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    RelDataTypeFactory.Builder builder = typeFactory.builder();
    for (ColumnDefinition column : definition.columns()) {
      builder.add(
          column.name(), ColumnTypes.toRelDataType(column.type(), column.nullable(), typeFactory));
    }
    return builder.build();
  }
}
