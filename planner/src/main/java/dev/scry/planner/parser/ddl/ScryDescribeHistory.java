package dev.scry.planner.parser.ddl;

import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code DESCRIBE HISTORY name}: the commits of a Delta table's transaction log, newest first. */
public final class ScryDescribeHistory extends SqlCall {
  public static final SqlOperator OPERATOR =
      new SqlSpecialOperator("DESCRIBE HISTORY", SqlKind.OTHER);

  private final SqlIdentifier table;

  public ScryDescribeHistory(SqlParserPos pos, SqlIdentifier table) {
    super(pos);
    this.table = Objects.requireNonNull(table, "table");
  }

  public SqlIdentifier table() {
    return table;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(table);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("DESCRIBE HISTORY");
    table.unparse(writer, leftPrec, rightPrec);
  }
}
