package dev.scry.planner.parser.ddl;

import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code SHOW MODEL DRIFT name}: how far the inputs PREDICT scored have drifted from the model's baseline. The name is an identifier
 * ({@code iris_rf}) or a string that may carry a version ({@code 'iris_rf:2'}).
 */
public final class ScryShowModelDrift extends SqlCall {
  public static final SqlOperator OPERATOR =
      new SqlSpecialOperator("SHOW MODEL DRIFT", SqlKind.OTHER);

  private final SqlNode model;

  /** @param model a simple identifier or a character literal */
  public ScryShowModelDrift(SqlParserPos pos, SqlNode model) {
    super(pos);
    this.model = Objects.requireNonNull(model, "model");
    if (!(model instanceof SqlIdentifier) && !(model instanceof SqlLiteral)) {
      throw new IllegalArgumentException("model must be an identifier or a string: " + model);
    }
  }

  /** The name as parsed, keeping its position. */
  public SqlNode model() {
    return model;
  }

  /** The name as written, without quotes, e.g. {@code iris_rf} or {@code iris_rf:2}. */
  public String modelName() {
    return Unparsing.text(model);
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
    writer.keyword("SHOW MODEL DRIFT");
    model.unparse(writer, leftPrec, rightPrec);
  }
}
