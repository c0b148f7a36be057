package dev.scry.planner.phase;

import dev.scry.planner.sqlrewrite.PredictStarRewriter;
import dev.scry.planner.sqlrewrite.TsqlPredictRewriter;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.validate.SqlValidator;

/**
 * For the T-SQL PREDICT before validation: the columns of its DATA (validated on its own, with a fresh
 * validator, as {@code SELECT * FROM data} under the common table expressions in scope) and the types
 * its WITH clause names.
 */
final class TsqlDataTypes implements TsqlPredictRewriter.Context {
  private final QueryContext context;

  TsqlDataTypes(QueryContext context) {
    this.context = Objects.requireNonNull(context, "context");
  }

  @Override
  public RelDataType dataRowType(SqlNode data, List<SqlWithItem> withItems) {
    SqlNode from =
        data instanceof SqlIdentifier
            ? data
            : SqlStdOperatorTable.AS.createCall(
                data.getParserPosition(),
                data,
                new SqlIdentifier("$scry_data", data.getParserPosition()));
    SqlSelect select =
        new SqlSelect(
            data.getParserPosition(),
            null,
            SqlNodeList.of(SqlIdentifier.star(data.getParserPosition())),
            from,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    // One WITH per item, innermost around the SELECT: an item sees those before it, and an inner
    // one
    // hides an outer one of the same name, as in the statement.
    SqlNode query = select;
    for (int i = withItems.size() - 1; i >= 0; i--) {
      SqlWithItem item = withItems.get(i);
      query = new SqlWith(item.getParserPosition(), SqlNodeList.of(item), query);
    }
    SqlValidator validator = context.newValidator();
    return validator.getValidatedNodeType(
        validator.validate(query.accept(new PredictStarRewriter())));
  }

  @Override
  public RelDataType typeOf(SqlDataTypeSpec spec) {
    return spec.deriveType(context.newValidator());
  }
}
