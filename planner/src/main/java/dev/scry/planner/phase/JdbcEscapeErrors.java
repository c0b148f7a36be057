package dev.scry.planner.phase;

import dev.scry.planner.sqlrewrite.PositionedErrors;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlJdbcFunctionCall;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * JDBC escapes whose arguments do not fit, such as {@code {fn CONVERT(TRUE, SQL_BIGINT)}}: Calcite's
 * validator fails on them with a NullPointerException while it words its own error (the escape has no
 * operand type checker to list signatures from). That is the statement's error, reported at the escape.
 */
final class JdbcEscapeErrors {
  private JdbcEscapeErrors() {}

  static SqlNode validate(SqlNode query, Supplier<SqlNode> validate) {
    try {
      return validate.get();
    } catch (NullPointerException e) {
      boolean inEscape =
          Arrays.stream(e.getStackTrace())
              .anyMatch(frame -> frame.getClassName().equals(SqlJdbcFunctionCall.class.getName()));
      Optional<SqlCall> escape = firstEscape(query);
      if (!inEscape || escape.isEmpty()) {
        throw e;
      }
      throw PositionedErrors.at(
          escape.get().getParserPosition(),
          escape.get().getOperator().getName()
              + " cannot take arguments of these types; check the arguments, or write a CAST");
    }
  }

  private static Optional<SqlCall> firstEscape(SqlNode query) {
    SqlCall[] first = new SqlCall[1];
    query.accept(
        new SqlBasicVisitor<Void>() {
          @Override
          public Void visit(SqlCall call) {
            if (first[0] == null && call.getOperator() instanceof SqlJdbcFunctionCall) {
              first[0] = call;
            }
            return super.visit(call);
          }
        });
    return Optional.ofNullable(first[0]);
  }
}
