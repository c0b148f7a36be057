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

/** One entry of {@code INSERT OVERWRITE … PARTITION (...)}: {@code region = 'eu'}. */
public final class ScryPartitionValue extends SqlCall implements ScryKeyedEntry {
  public static final SqlOperator OPERATOR =
      new SqlSpecialOperator("PARTITION VALUE", SqlKind.OTHER);

  private final SqlIdentifier column;
  private final SqlLiteral value;

  public ScryPartitionValue(SqlParserPos pos, SqlIdentifier column, SqlLiteral value) {
    super(pos);
    this.column = Objects.requireNonNull(column, "column");
    this.value = Objects.requireNonNull(value, "value");
  }

  @Override
  public SqlIdentifier key() {
    return column;
  }

  @Override
  public String keyName() {
    return column.getSimple();
  }

  /** The literal as parsed: numeric, string, boolean, DATE … */
  public SqlLiteral value() {
    return value;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(column, value);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    column.unparse(writer, 0, 0);
    writer.keyword("=");
    value.unparse(writer, 0, 0);
  }
}
