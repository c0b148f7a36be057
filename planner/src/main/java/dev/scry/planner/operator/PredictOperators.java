package dev.scry.planner.operator;

import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.validate.SqlNameMatcher;

/**
 * Resolves the name PREDICT by where it is used: in FROM (a table function call) it is the polymorphic
 * table function, in an expression it is the scalar form. Both share one name, so a plain operator list
 * would offer both everywhere and leave Calcite to choose by argument count.
 */
public final class PredictOperators implements SqlOperatorTable {
  private final PredictFunction table;
  private final ScalarPredictFunction scalar;

  public PredictOperators(PredictFunction table, ScalarPredictFunction scalar) {
    this.table = Objects.requireNonNull(table, "table");
    this.scalar = Objects.requireNonNull(scalar, "scalar");
  }

  @Override
  public void lookupOperatorOverloads(
      SqlIdentifier opName,
      SqlFunctionCategory category,
      SqlSyntax syntax,
      List<SqlOperator> operatorList,
      SqlNameMatcher nameMatcher) {
    if (!opName.isSimple() || !nameMatcher.matches(opName.getSimple(), PredictFunction.NAME)) {
      return;
    }
    if (category == SqlFunctionCategory.USER_DEFINED_TABLE_FUNCTION) {
      operatorList.add(table);
    } else if (syntax == SqlSyntax.FUNCTION || syntax == SqlSyntax.FUNCTION_ID) {
      operatorList.add(scalar);
    }
  }

  @Override
  public List<SqlOperator> getOperatorList() {
    return List.of(table, scalar);
  }
}
