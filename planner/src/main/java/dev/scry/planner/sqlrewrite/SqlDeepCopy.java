package dev.scry.planner.sqlrewrite;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * Copies a parse tree, keeping every position. The validator rewrites the trees it validates in place; a
 * copy lets a part of a statement be validated on its own (the T-SQL PREDICT's DATA) and then again
 * inside the whole statement.
 */
final class SqlDeepCopy extends SqlShuttle {
  static <T extends SqlNode> T of(T node) {
    @SuppressWarnings("unchecked")
    T copy = (T) node.accept(new SqlDeepCopy());
    return copy;
  }

  @Override
  public SqlNode visit(SqlLiteral literal) {
    return literal.clone(literal.getParserPosition());
  }

  @Override
  public SqlNode visit(SqlIdentifier id) {
    return id.clone(id.getParserPosition());
  }

  @Override
  public SqlNode visit(SqlNodeList list) {
    List<SqlNode> items = new ArrayList<>();
    for (SqlNode item : list) {
      items.add(item == null ? null : item.accept(this));
    }
    return new SqlNodeList(items, list.getParserPosition());
  }

  @Override
  public SqlNode visit(SqlCall call) {
    List<SqlNode> operands = call.getOperandList();
    SqlNode[] copied = new SqlNode[operands.size()];
    for (int i = 0; i < copied.length; i++) {
      SqlNode operand = operands.get(i);
      copied[i] = operand == null ? null : operand.accept(this);
    }
    return call.getOperator()
        .createCall(call.getFunctionQuantifier(), call.getParserPosition(), copied);
  }
}
