package dev.scry.planner.phase;

import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.validate.SqlValidator;

/** Validates the rewritten SQL with the query's validator, its errors worded for parameters and JDBC escapes. */
final class Validation implements Phase {
  @Override
  public String name() {
    return "validate";
  }

  @Override
  public QueryState run(QueryState state, QueryContext context) {
    SqlValidator validator = context.validator();
    SqlNode query = state.query();
    SqlNode validated =
        ParameterTypes.validate(
            validator,
            query,
            () -> JdbcEscapeErrors.validate(query, () -> validator.validate(query)));
    return state.withValidated(validated);
  }

  @Override
  public String toString() {
    return name() + " (SQL)";
  }
}
