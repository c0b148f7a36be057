package dev.scry.planner.parser.ddl;

import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlDrop;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code DROP <object kind> [IF EXISTS] name}; the subclasses name the kind through their operator. */
public abstract sealed class ScryDropObject extends SqlDrop
    permits ScryDropSchema, ScryDropTable, ScryDropModel, ScryDropView {
  private final SqlIdentifier name;

  ScryDropObject(SqlOperator operator, SqlParserPos pos, boolean ifExists, SqlIdentifier name) {
    super(operator, pos, ifExists);
    this.name = Objects.requireNonNull(name, "name");
  }

  public SqlIdentifier name() {
    return name;
  }

  public boolean ifExists() {
    return ifExists;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(name);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    // The operator's name is the statement's leading words, e.g. "DROP TABLE".
    writer.keyword(getOperator().getName());
    Unparsing.ifExists(writer, ifExists);
    name.unparse(writer, leftPrec, rightPrec);
  }
}
