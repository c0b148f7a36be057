package dev.scry.planner.phase;

import dev.scry.planner.catalog.ColumnDefinition;
import dev.scry.planner.catalog.ColumnTypes;
import dev.scry.planner.catalog.ViewDefinition;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A view as Calcite sees it: a table with the view's columns that, when a query reads it, becomes the
 * plan of the view's SQL (through the converter's view expander), cast to those columns. The query's
 * later phases then see through it: filters reach the scans below, PREDICT keeps only what is read.
 */
final class ScryViewTable extends AbstractTable implements TranslatableTable {
  private final ViewDefinition definition;

  ScryViewTable(ViewDefinition definition) {
    this.definition = Objects.requireNonNull(definition, "definition");
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

  @Override
  public Schema.TableType getJdbcTableType() {
    return Schema.TableType.VIEW;
  }

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    RelDataType rowType = relOptTable.getRowType();
    RelRoot root =
        context.expandView(
            rowType,
            definition.sql(),
            List.of(definition.resolvedIn()),
            List.of(definition.schema(), definition.name()));
    // The view's columns as recorded: the same names and types as when it was made.
    return RelOptUtil.createCastRel(root.project(), rowType, true);
  }
}
