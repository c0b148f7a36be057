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

/** One entry of a table's {@code OPTIONS (...)}: {@code header 'true'} or {@code 'sep' ';'}. */
public final class ScryTableOption extends SqlCall implements ScryKeyedEntry {
  public static final SqlOperator OPERATOR = new SqlSpecialOperator("TABLE OPTION", SqlKind.OTHER);

  private final SqlNode key;
  private final SqlLiteral value;

  /** {@code key} is a simple identifier or a character literal; {@code value} a character literal. */
  public ScryTableOption(SqlParserPos pos, SqlNode key, SqlLiteral value) {
    super(pos);
    this.key = Objects.requireNonNull(key, "key");
    this.value = Objects.requireNonNull(value, "value");
    if (!(key instanceof SqlIdentifier) && !(key instanceof SqlLiteral)) {
      throw new IllegalArgumentException("option key must be an identifier or a string: " + key);
    }
  }

  @Override
  public SqlNode key() {
    return key;
  }

  @Override
  public String keyName() {
    return Unparsing.text(key);
  }

  public SqlLiteral value() {
    return value;
  }

  /** The value as a string, without quotes. */
  public String valueText() {
    return value.getValueAs(String.class);
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
    value.unparse(writer, 0, 0);
  }
}
