package dev.scry.planner.ddl;

import dev.scry.planner.CommandPlan;
import dev.scry.planner.CommandResult;
import dev.scry.planner.ErrorCode;
import dev.scry.planner.QueryPlan;
import dev.scry.planner.ScryException;
import dev.scry.planner.ScryPlanner;
import dev.scry.planner.SessionState;
import dev.scry.planner.catalog.Catalog;
import dev.scry.planner.catalog.ColumnDefinition;
import dev.scry.planner.catalog.ColumnTypes;
import dev.scry.planner.catalog.ViewDefinition;
import dev.scry.planner.parser.ScryParser;
import dev.scry.planner.parser.ddl.ScryCreateView;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlNode;

/**
 * CREATE [OR REPLACE] VIEW: plans the query now (so a view that cannot run is never made), records its
 * SQL, the schema its unqualified names are resolved in, and its columns, named by the column list if
 * there is one.
 */
final class CreateViewCommand implements CommandHandler<ScryCreateView> {
  static final StatementKind<ScryCreateView> KIND =
      StatementKind.noRows(
          ScryCreateView.class,
          services -> new CreateViewCommand(services.catalog(), services.planner()));

  private final Catalog catalog;
  private final ScryPlanner planner;

  CreateViewCommand(Catalog catalog, ScryPlanner planner) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.planner = Objects.requireNonNull(planner, "planner");
  }

  @Override
  public CommandResult execute(ScryCreateView create, CommandPlan plan, SessionState session) {
    QualifiedName name = QualifiedName.of(create.name(), session, catalog.snapshot());
    // As written, before planning: the validator rewrites the tree it validates (qualified names,
    // aliases).
    String sql = ScryParser.toSql(create.query());
    QueryPlan query = planner.queryPlanner(session).plan(plan.sql(), create.query());
    if (query.parameterRowType().getFieldCount() > 0) {
      throw new ScryException(
          ErrorCode.NOT_SUPPORTED, "A view's query cannot take parameters (?): write the values");
    }
    String resolvedIn =
        catalog.snapshot().schema(session.schema()).map(s -> s.name()).orElse(name.schema());
    catalog.createView(
        new ViewDefinition(name.schema(), name.table(), sql, resolvedIn, columns(query, create)),
        create.orReplace());
    return CommandResult.done();
  }

  /** The query's columns, renamed by the view's column list; every name once. */
  private static List<ColumnDefinition> columns(QueryPlan query, ScryCreateView create) {
    List<RelDataTypeField> fields = query.rowType().getFieldList();
    List<SqlNode> names = create.columns().getList();
    if (!names.isEmpty() && names.size() != fields.size()) {
      throw new ScryException(
          "The view names "
              + names.size()
              + " columns but its query gives "
              + fields.size()
              + ": name each column of the query once");
    }
    List<ColumnDefinition> columns = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < fields.size(); i++) {
      RelDataTypeField field = fields.get(i);
      String column = names.isEmpty() ? field.getName() : names.get(i).toString();
      if (!seen.add(column.toLowerCase(Locale.ROOT))) {
        throw new ScryException(
            "The view would have two columns named '"
                + column
                + "': name them apart with AS or a column list");
      }
      columns.add(
          new ColumnDefinition(
              column, ColumnTypes.fromRelDataType(field.getType()), field.getType().isNullable()));
    }
    return columns;
  }
}
