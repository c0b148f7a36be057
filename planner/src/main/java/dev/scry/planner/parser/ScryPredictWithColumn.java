package dev.scry.planner.parser;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * One column of the T-SQL PREDICT's {@code WITH (...)}: {@code name TYPE ['output_column']}. The column
 * takes the model output column of its own name, or the one named by the optional string (a rename).
 */
public final class ScryPredictWithColumn extends SqlCall {
  public static final SqlOperator OPERATOR =
      new SqlSpecialOperator("PREDICT WITH COLUMN", SqlKind.OTHER);

  private final SqlIdentifier name;
  private final SqlDataTypeSpec type;
  private final SqlLiteral source;

  /** @param source the model output column as a string literal, or null to use {@code name} */
  public ScryPredictWithColumn(
      SqlParserPos pos, SqlIdentifier name, SqlDataTypeSpec type, SqlLiteral source) {
    super(pos);
    this.name = Objects.requireNonNull(name, "name");
    this.type = Objects.requireNonNull(type, "type");
    this.source = source;
  }

  public SqlIdentifier name() {
    return name;
  }

  public SqlDataTypeSpec type() {
    return type;
  }

  /** The model output column this column takes: the string if one was given, else the column's name. */
  public String sourceColumn() {
    return source == null ? name.getSimple() : source.getValueAs(String.class);
  }

  /** Where the output column is named: the string if one was given, else the column's name. */
  public SqlParserPos sourcePosition() {
    return source == null ? name.getParserPosition() : source.getParserPosition();
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return Arrays.asList(name, type, source);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    name.unparse(writer, 0, 0);
    type.unparse(writer, 0, 0);
    if (source != null) {
      source.unparse(writer, 0, 0);
    }
  }
}
