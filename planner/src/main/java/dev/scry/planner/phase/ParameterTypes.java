package dev.scry.planner.phase;

import static dev.scry.planner.sqlrewrite.PositionedErrors.at;

import dev.scry.planner.ScryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.SqlValidator;

/**
 * Parameters ({@code ?}) whose type Calcite's validator could not infer: {@code ORDER BY ?},
 * {@code PARTITION BY ?}, {@code NULLIF(x, ?)} inside an ARRAY, {@code ? IN (1, 2)} … Calcite then fails
 * with an UnsupportedOperationException ("class SqlDynamicParam: ?") wherever it asks for the type, in
 * the validator or in the converter; here that is an error at the parameter, with how to type it.
 */
final class ParameterTypes {
  private ParameterTypes() {}

  /** Validates with {@code validate}, turning Calcite's failure on an untyped parameter into an error at it. */
  static SqlNode validate(SqlValidator validator, SqlNode query, Supplier<SqlNode> validate) {
    SqlNode validated;
    try {
      validated = validate.get();
    } catch (UnsupportedOperationException e) {
      // Calcite's Util.needToImplement: "class org.apache.calcite.sql.SqlDynamicParam: ?", or
      // SqlNodeList
      // when it derives a type for ? from the list in "? IN (1, 2)".
      if (e.getMessage() == null || !e.getMessage().startsWith("class org.apache.calcite.sql.")) {
        throw e;
      }
      throw untyped(validator, query).orElseThrow(() -> e);
    }
    Optional<ScryException> untyped = untyped(validator, validated);
    if (untyped.isPresent()) {
      throw untyped.get();
    }
    return validated;
  }

  /** An error at the first parameter of {@code query} without a validated type, if there is one. */
  private static Optional<ScryException> untyped(SqlValidator validator, SqlNode query) {
    return parameters(query).stream()
        .filter(p -> validator.getValidatedNodeTypeIfKnown(p) == null)
        .findFirst()
        .map(
            p ->
                at(
                    p.getParserPosition(),
                    "the type of this parameter (?) cannot be inferred from where it"
                        + " stands; give it one, e.g. CAST(? AS INTEGER)"));
  }

  private static List<SqlDynamicParam> parameters(SqlNode query) {
    List<SqlDynamicParam> found = new ArrayList<>();
    query.accept(
        new SqlBasicVisitor<Void>() {
          @Override
          public Void visit(SqlDynamicParam param) {
            found.add(param);
            return null;
          }
        });
    return found;
  }
}
