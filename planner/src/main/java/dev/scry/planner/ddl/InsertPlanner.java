package dev.scry.planner.ddl;

import dev.scry.planner.ColumnOrigin;
import dev.scry.planner.ErrorCode;
import dev.scry.planner.QueryPlan;
import dev.scry.planner.ScryException;
import dev.scry.planner.ScryPlanner;
import dev.scry.planner.SessionState;
import dev.scry.planner.catalog.Catalog;
import dev.scry.planner.catalog.ColumnDefinition;
import dev.scry.planner.catalog.ColumnTypes;
import dev.scry.planner.catalog.TableDefinition;
import dev.scry.planner.parser.ddl.ScryPartitionValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.tools.RelBuilder;

/**
 * Plans the rows of an INSERT INTO or INSERT OVERWRITE: resolves the managed (or Delta) table, matches the column
 * list (any order) and the PARTITION clause to its columns, and puts a projection on the planned query
 * that gives every table column in order: a query column, a PARTITION value, or NULL for a column left
 * out (refused for a NOT NULL one). The engine then casts each column to the table's type as Spark does.
 */
final class InsertPlanner {
  private final Catalog catalog;
  private final ScryPlanner planner;

  InsertPlanner(Catalog catalog, ScryPlanner planner) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.planner = Objects.requireNonNull(planner, "planner");
  }

  /**
   * @param columns the target column list; empty for every column not in {@code partition}, in order
   * @param partition the PARTITION clause; empty when there is none
   */
  InsertPlan plan(
      SqlIdentifier target,
      SqlNodeList columns,
      List<ScryPartitionValue> partition,
      SqlNode source,
      String sql,
      SessionState session) {
    TableDefinition table = managedTable(target, session);
    Map<Integer, String> fixed = partitionValues(table, partition);
    List<Integer> targets = targetColumns(table, columns, fixed);
    for (int i = 0; i < table.columns().size(); i++) {
      ColumnDefinition column = table.columns().get(i);
      if (!column.nullable() && !targets.contains(i) && !fixed.containsKey(i)) {
        throw new ScryException(
            ErrorCode.NOT_NULL_VIOLATION,
            "INSERT into "
                + table.qualifiedName()
                + " leaves out column '"
                + column.name()
                + "', which is NOT NULL: give it a value");
      }
    }
    QueryPlan query = TableWrites.planQuery(planner, sql, source, session);
    int given = query.rowType().getFieldCount();
    if (given != targets.size()) {
      throw new ScryException(
          "INSERT into "
              + table.qualifiedName()
              + (!columns.isEmpty() ? " names " : fixed.isEmpty() ? " has " : " takes ")
              + targets.size()
              + (!columns.isEmpty() || fixed.isEmpty()
                  ? " columns"
                  : " columns besides PARTITION's")
              + " but the query gives "
              + given);
    }
    List<String> values = new ArrayList<>();
    for (String partitionColumn : table.partitionColumns()) {
      int position = position(table, partitionColumn);
      if (fixed.containsKey(position)) {
        values.add(fixed.get(position));
      }
    }
    return new InsertPlan(table, fullRows(table, query, targets, fixed), values);
  }

  private TableDefinition managedTable(SqlIdentifier target, SessionState session) {
    QualifiedName name = QualifiedName.of(target, session, catalog.snapshot());
    TableDefinition table =
        catalog
            .snapshot()
            .table(name.schema(), name.table())
            .orElseThrow(
                () ->
                    new ScryException(
                        ErrorCode.TABLE_NOT_FOUND, "Table '" + name + "' does not exist"));
    // A Delta table's log takes commits from any writer, so an external one takes INSERTs too.
    if (table.external() && !table.format().hasLog()) {
      throw new ScryException(
          "Table '"
              + table.qualifiedName()
              + "' is external: INSERT writes only to managed tables and Delta tables (create one"
              + " with CREATE TABLE)");
    }
    return table;
  }

  /** Table column position → the PARTITION clause's value as text; every partition column or none. */
  private static Map<Integer, String> partitionValues(
      TableDefinition table, List<ScryPartitionValue> partition) {
    Map<Integer, String> fixed = new HashMap<>();
    for (ScryPartitionValue value : partition) {
      String name = value.keyName();
      boolean isPartitionColumn =
          table.partitionColumns().stream().anyMatch(p -> p.equalsIgnoreCase(name));
      if (!isPartitionColumn) {
        throw new ScryException(
            "PARTITION names '"
                + name
                + "', which is not a partition column of "
                + table.qualifiedName()
                + " (partition columns: "
                + String.join(", ", table.partitionColumns())
                + ") at "
                + value.getParserPosition());
      }
      Object literal = value.value().toValue();
      if (literal == null) {
        throw new ScryException(
            ErrorCode.NOT_SUPPORTED,
            "PARTITION (" + name + " = NULL) is not supported: give a value");
      }
      fixed.put(position(table, name), literal.toString());
    }
    if (!fixed.isEmpty() && fixed.size() != table.partitionColumns().size()) {
      throw new ScryException(
          ErrorCode.NOT_SUPPORTED,
          "PARTITION must give a value for every partition column of "
              + table.qualifiedName()
              + " ("
              + String.join(", ", table.partitionColumns())
              + ")");
    }
    return fixed;
  }

  /** The table column positions the query's columns go to, in the query's order. */
  private static List<Integer> targetColumns(
      TableDefinition table, SqlNodeList columns, Map<Integer, String> fixed) {
    List<Integer> targets = new ArrayList<>();
    if (columns.isEmpty()) {
      for (int i = 0; i < table.columns().size(); i++) {
        if (!fixed.containsKey(i)) {
          targets.add(i);
        }
      }
      return List.copyOf(targets);
    }
    for (SqlNode node : columns) {
      SqlIdentifier id = (SqlIdentifier) node;
      String name = id.names.get(id.names.size() - 1);
      int position = position(table, name);
      if (position < 0) {
        throw new ScryException(
            ErrorCode.COLUMN_NOT_FOUND,
            "Table "
                + table.qualifiedName()
                + " has no column '"
                + name
                + "' at "
                + id.getParserPosition());
      }
      if (fixed.containsKey(position)) {
        throw new ScryException(
            "Column '"
                + name
                + "' has its value in PARTITION: leave it out of the column list at "
                + id.getParserPosition());
      }
      if (targets.contains(position)) {
        throw new ScryException(
            "Column '" + name + "' is given twice in the INSERT at " + id.getParserPosition());
      }
      targets.add(position);
    }
    return List.copyOf(targets);
  }

  private static int position(TableDefinition table, String name) {
    for (int i = 0; i < table.columns().size(); i++) {
      if (table.columns().get(i).name().equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  /** The query with a projection on top giving every table column, in the table's order. */
  private static QueryPlan fullRows(
      TableDefinition table, QueryPlan query, List<Integer> targets, Map<Integer, String> fixed) {
    RelNode input = query.rel();
    RexBuilder rex = input.getCluster().getRexBuilder();
    List<RexNode> values = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < table.columns().size(); i++) {
      ColumnDefinition column = table.columns().get(i);
      int source = targets.indexOf(i);
      if (source >= 0) {
        values.add(rex.makeInputRef(input, source));
      } else if (fixed.containsKey(i)) {
        // Text, cast to the column's type by the writer as any other value is.
        values.add(rex.makeLiteral(fixed.get(i)));
      } else {
        values.add(
            rex.makeNullLiteral(
                ColumnTypes.toRelDataType(column.type(), true, rex.getTypeFactory())));
      }
      names.add(column.name());
    }
    RelBuilder builder = RelFactories.LOGICAL_BUILDER.create(input.getCluster(), null);
    RelNode rows = builder.push(input).project(values, names, true).build();
    return new QueryPlan(
        query.sql(),
        rows,
        rows.getRowType(),
        query.parameterRowType(),
        Collections.nCopies(values.size(), ColumnOrigin.NONE));
  }
}
