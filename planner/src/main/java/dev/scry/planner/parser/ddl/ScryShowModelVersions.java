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

/** {@code SHOW MODEL VERSIONS name}. */
public final class ScryShowModelVersions extends SqlCall {
  public static final SqlOperator OPERATOR =
      new SqlSpecialOperator("SHOW MODEL VERSIONS", SqlKind.OTHER);

  private final SqlIdentifier model;

  public ScryShowModelVersions(SqlParserPos pos, SqlIdentifier model) {
    super(pos);
    this.model = Objects.requireNonNull(model, "model");
  }

  public SqlIdentifier model() {
    return model;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(model);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("SHOW MODEL VERSIONS");
    model.unparse(writer, leftPrec, rightPrec);
  }
}
