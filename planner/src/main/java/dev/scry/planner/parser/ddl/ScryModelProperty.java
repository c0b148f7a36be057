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

/** One entry of {@code CREATE MODEL ... WITH (...)}: {@code batch_size = 4096}. */
public final class ScryModelProperty extends SqlCall implements ScryKeyedEntry {
  public static final SqlOperator OPERATOR =
      new SqlSpecialOperator("MODEL PROPERTY", SqlKind.OTHER);

  private final SqlIdentifier key;
  private final SqlLiteral value;

  public ScryModelProperty(SqlParserPos pos, SqlIdentifier key, SqlLiteral value) {
    super(pos);
    this.key = Objects.requireNonNull(key, "key");
    this.value = Objects.requireNonNull(value, "value");
  }

  @Override
  public SqlIdentifier key() {
    return key;
  }

  @Override
  public String keyName() {
    return key.getSimple();
  }

  /** The literal as parsed: numeric, string, boolean ...; read it with {@code getValueAs}. */
  public SqlLiteral value() {
    return value;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(key, value);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    key.unparse(writer, 0, 0);
    writer.keyword("=");
    value.unparse(writer, 0, 0);
  }
}
