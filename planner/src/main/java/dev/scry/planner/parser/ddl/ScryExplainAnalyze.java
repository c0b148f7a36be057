package dev.scry.planner.parser.ddl;

import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code EXPLAIN ANALYZE query}: runs the query, discards its rows, and reports what each step did. */
public final class ScryExplainAnalyze extends SqlCall {
  public static final SqlOperator OPERATOR =
      new SqlSpecialOperator("EXPLAIN ANALYZE", SqlKind.OTHER);

  private final SqlNode query;

  public ScryExplainAnalyze(SqlParserPos pos, SqlNode query) {
    super(pos);
    this.query = Objects.requireNonNull(query, "query");
  }

  public SqlNode query() {
    return query;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(query);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("EXPLAIN ANALYZE");
    query.unparse(writer, 0, 0);
  }
}
