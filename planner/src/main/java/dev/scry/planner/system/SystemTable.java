package dev.scry.planner.system;

import java.util.List;
import java.util.Objects;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A table of schema {@code scry} whose rows the gateway makes from its own memory when a query reads it
 * (the statements, sessions and model usage it keeps): no files, no lake scan. The engine asks its
 * {@code SystemTableSource} for the rows of {@link #name}.
 */
public final class SystemTable extends AbstractTable {
  private final String name;
  private final List<SystemColumn> columns;

  SystemTable(String name, List<SystemColumn> columns) {
    this.name = Objects.requireNonNull(name, "name");
    this.columns = List.copyOf(columns);
  }

  public String name() {
    return name;
  }

  public List<SystemColumn> columns() {
    return columns;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    RelDataTypeFactory.Builder builder = typeFactory.builder();
    for (SystemColumn column : columns) {
      builder.add(column.name(), column.type()).nullable(true);
    }
    return builder.build();
  }

  @Override
  public Schema.TableType getJdbcTableType() {
    return Schema.TableType.SYSTEM_TABLE;
  }
}
