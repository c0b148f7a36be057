package dev.scry.planner.sql;

import dev.scry.planner.ScryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Before validation, checks the arguments of each table-function {@code PREDICT(MODEL => 'm', DATA => …)}:
 * named (MODEL and DATA, once each) or positional, not a mix; MODEL a string literal; DATA a table or a
 * query. Calcite's validator assumes all this of a table function's arguments: it permutes named
 * arguments assuming every one is named and reads MODEL as a string, and fails with an AssertionError
 * (or a ClassCastException without -ea) when they are not.
 */
final class PredictCallCheck extends SqlBasicVisitor<Void> {
  private static final String FORM = "PREDICT(MODEL => 'model', DATA => TABLE t | (SELECT …))";

  static void check(SqlNode query) {
    query.accept(new PredictCallCheck());
  }

  @Override
  public Void visit(SqlCall call) {
    if (call.getKind() == SqlKind.COLLECTION_TABLE && call.operandCount() == 1
        && call.operand(0) instanceof SqlCall function
        && function.getOperator().getName().equalsIgnoreCase(PredictFunction.NAME)) {
      checkArguments(function);
    }
    return super.visit(call);
  }

  private static void checkArguments(SqlCall predict) {
    List<SqlNode> arguments = predict.getOperandList();
    long named = arguments.stream().filter(a -> a.getKind() == SqlKind.ARGUMENT_ASSIGNMENT).count();
    if (named > 0 && named < arguments.size()) {
      SqlNode unnamed = arguments.stream().filter(a -> a.getKind() != SqlKind.ARGUMENT_ASSIGNMENT).findFirst()
          .orElseThrow();
      throw error(unnamed.getParserPosition(), "PREDICT's arguments are all named or all positional; this one has"
          + " no name: " + FORM);
    }
    SqlNode model = null;
    SqlNode data = null;
    if (named == 0) {
      if (arguments.size() != 2) {
        throw error(predict.getParserPosition(), "PREDICT takes two arguments, MODEL and DATA, but was given "
            + arguments.size() + ": " + FORM);
      }
      model = arguments.get(0);
      data = arguments.get(1);
    }
    List<String> seen = new ArrayList<>();
    for (SqlNode argument : named == 0 ? List.<SqlNode>of() : arguments) {
      SqlCall assignment = (SqlCall) argument;
      SqlIdentifier name = assignment.operand(1);
      String key = name.getSimple().toUpperCase(Locale.ROOT);
      if (seen.contains(key)) {
        throw error(name.getParserPosition(), "PREDICT's argument " + key + " is given twice");
      }
      seen.add(key);
      switch (key) {
        case "MODEL" -> model = assignment.operand(0);
        case "DATA" -> data = assignment.operand(0);
        default -> throw error(name.getParserPosition(), "PREDICT has no argument named " + name.getSimple()
            + "; it takes MODEL and DATA: " + FORM);
      }
    }
    if (model == null || data == null) {
      throw error(predict.getParserPosition(), "PREDICT needs " + (model == null ? "MODEL" : "DATA") + ": " + FORM);
    }
    if (!(model instanceof SqlLiteral literal && literal.getTypeName().getFamily() == SqlTypeFamily.CHARACTER)) {
      throw error(model.getParserPosition(), "MODEL takes a string: a registered model's name ('iris_rf'), a"
          + " version ('iris_rf:2') or a model's URI");
    }
    if (!isTableOrQuery(data)) {
      throw error(data.getParserPosition(), "DATA takes a table (DATA => TABLE t) or a query in parentheses"
          + " (DATA => (SELECT …))");
    }
  }

  private static boolean isTableOrQuery(SqlNode data) {
    return data.getKind() == SqlKind.EXPLICIT_TABLE || data.getKind() == SqlKind.SET_SEMANTICS_TABLE
        || data.isA(SqlKind.QUERY);
  }

  private static ScryException error(SqlParserPos pos, String message) {
    return new ScryException("At line " + pos.getLineNum() + ", column " + pos.getColumnNum() + ": " + message);
  }
}
