package dev.scry.planner.sqlrewrite;

import static dev.scry.planner.sqlrewrite.PositionedErrors.at;

import dev.scry.planner.operator.PredictFunction;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Before validation, checks the arguments of each table-function {@code PREDICT(MODEL => 'm', DATA => …)}:
 * named (MODEL and DATA, once each) or positional, not a mix; MODEL a string literal; DATA a table or a
 * query. Calcite's validator assumes all this of a table function's arguments: it permutes named
 * arguments assuming every one is named and reads MODEL as a string, and fails with an AssertionError
 * (or a ClassCastException without -ea) when they are not.
 */
public final class PredictCallCheck extends SqlBasicVisitor<Void> {
  private static final String FORM = "PREDICT(MODEL => 'model', DATA => TABLE t | (SELECT …))";

  public static void check(SqlNode query) {
    query.accept(new PredictCallCheck());
  }

  @Override
  public Void visit(SqlCall call) {
    if (call.getKind() == SqlKind.COLLECTION_TABLE
        && call.operandCount() == 1
        && call.operand(0) instanceof SqlCall function
        && function.getOperator().getName().equalsIgnoreCase(PredictFunction.NAME)) {
      checkArguments(function);
    }
    return super.visit(call);
  }

  private record Arguments(SqlNode model, SqlNode data) {}

  private static void checkArguments(SqlCall predict) {
    List<SqlNode> arguments = predict.getOperandList();
    long named = arguments.stream().filter(PredictCallCheck::isNamed).count();
    if (named > 0 && named < arguments.size()) {
      SqlNode unnamed = arguments.stream().filter(a -> !isNamed(a)).findFirst().orElseThrow();
      throw at(
          unnamed.getParserPosition(),
          "PREDICT's arguments are all named or all positional; this one has"
              + " no name: "
              + FORM);
    }
    Arguments given = named == 0 ? byPosition(predict) : byName(predict);
    if (!(given.model() instanceof SqlLiteral literal
        && literal.getTypeName().getFamily() == SqlTypeFamily.CHARACTER)) {
      throw at(
          given.model().getParserPosition(),
          "MODEL takes a string: a registered model's name ('iris_rf'),"
              + " a version ('iris_rf:2') or a model's URI");
    }
    if (!isTableOrQuery(given.data())) {
      throw at(
          given.data().getParserPosition(),
          "DATA takes a table (DATA => TABLE t) or a query in parentheses"
              + " (DATA => (SELECT …))");
    }
  }

  private static boolean isNamed(SqlNode argument) {
    return argument.getKind() == SqlKind.ARGUMENT_ASSIGNMENT;
  }

  private static Arguments byPosition(SqlCall predict) {
    if (predict.operandCount() != 2) {
      throw at(
          predict.getParserPosition(),
          "PREDICT takes two arguments, MODEL and DATA, but was given "
              + predict.operandCount()
              + ": "
              + FORM);
    }
    return new Arguments(predict.operand(0), predict.operand(1));
  }

  /** MODEL and DATA, each named once (names are case-insensitive, as Calcite matches them here). */
  private static Arguments byName(SqlCall predict) {
    Map<String, SqlNode> values = new HashMap<>();
    for (SqlNode argument : predict.getOperandList()) {
      SqlCall assignment = (SqlCall) argument;
      SqlIdentifier name = assignment.operand(1);
      String key = name.getSimple().toUpperCase(Locale.ROOT);
      if (!key.equals("MODEL") && !key.equals("DATA")) {
        throw at(
            name.getParserPosition(),
            "PREDICT has no argument named "
                + name.getSimple()
                + "; it takes MODEL and DATA: "
                + FORM);
      }
      if (values.put(key, assignment.operand(0)) != null) {
        throw at(name.getParserPosition(), "PREDICT's argument " + key + " is given twice");
      }
    }
    for (String key : List.of("MODEL", "DATA")) {
      if (!values.containsKey(key)) {
        throw at(predict.getParserPosition(), "PREDICT needs " + key + ": " + FORM);
      }
    }
    return new Arguments(values.get("MODEL"), values.get("DATA"));
  }

  private static boolean isTableOrQuery(SqlNode data) {
    return data.getKind() == SqlKind.EXPLICIT_TABLE
        || data.getKind() == SqlKind.SET_SEMANTICS_TABLE
        || data.isA(SqlKind.QUERY);
  }
}
