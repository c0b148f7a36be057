package dev.scry.planner.ddl;

import dev.scry.planner.ScryException;
import dev.scry.planner.catalog.ColumnDefinition;
import dev.scry.planner.catalog.ColumnTypes;
import dev.scry.planner.phase.QueryPlanner;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.schema.ColumnStrategy;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.ddl.SqlColumnDeclaration;

/** The columns a CREATE statement declares, typed as a query would type them. */
final class DeclaredColumns {
  private DeclaredColumns() {}

  /** @param declarations {@link SqlColumnDeclaration}s; two with the same name are refused */
  static List<ColumnDefinition> of(SqlNodeList declarations, QueryPlanner planner) {
    List<ColumnDefinition> columns = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (SqlNode column : declarations) {
      SqlColumnDeclaration declaration = (SqlColumnDeclaration) column;
      String name = declaration.name.getSimple();
      if (!seen.add(name.toLowerCase(Locale.ROOT))) {
        throw new ScryException(
            "Column '" + name + "' is declared twice at " + declaration.getParserPosition());
      }
      boolean nullable = declaration.strategy != ColumnStrategy.NOT_NULLABLE;
      RelDataType type = planner.deriveType(declaration.dataType, nullable);
      columns.add(new ColumnDefinition(name, ColumnTypes.fromRelDataType(type), nullable));
    }
    return columns;
  }
}
