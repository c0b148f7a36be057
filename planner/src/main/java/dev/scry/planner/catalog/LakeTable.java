package dev.scry.planner.catalog;

import java.util.Objects;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A catalog table as Calcite sees it. Plans scan it with a {@code LogicalTableScan}; the engine
 * unwraps the {@link TableDefinition} to read the files.
 */
public final class LakeTable extends AbstractTable {
  private final TableDefinition definition;

  public LakeTable(TableDefinition definition) {
    this.definition = Objects.requireNonNull(definition, "definition");
  }

  public TableDefinition definition() {
    return definition;
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
