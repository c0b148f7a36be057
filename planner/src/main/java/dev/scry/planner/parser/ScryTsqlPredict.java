package dev.scry.planner.parser;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * The T-SQL form as a FROM item, {@code PREDICT(MODEL = m, DATA = t AS d [, RUNTIME = ONNX]) [WITH (...)]},
 * before its {@code AS p}. It never reaches the validator: {@code TsqlPredictRewriter} turns it into the
 * table-function call (see docs/predict.md, "The T-SQL form").
 */
public final class ScryTsqlPredict extends SqlCall {
  public static final SqlOperator OPERATOR = new SqlSpecialOperator("PREDICT", SqlKind.OTHER);

  private final SqlNode model;
  private final SqlNode data;
  private final SqlIdentifier dataAlias;
  private final SqlNodeList withColumns;

  /**
   * @param model a simple identifier or a string literal ({@code 'name:2'}, a URI)
   * @param data a table name or a query
   * @param withColumns the WITH columns, or null when there is no WITH
   */
  public ScryTsqlPredict(
      SqlParserPos pos,
      SqlNode model,
      SqlNode data,
      SqlIdentifier dataAlias,
      SqlNodeList withColumns) {
    super(pos);
    this.model = Objects.requireNonNull(model, "model");
    this.data = Objects.requireNonNull(data, "data");
    this.dataAlias = Objects.requireNonNull(dataAlias, "dataAlias");
    this.withColumns = withColumns;
  }

  public SqlNode model() {
    return model;
  }

  /** The model reference as written: a name, {@code name:version} or a URI. */
  public String modelReference() {
    if (model instanceof SqlIdentifier id) {
      return id.getSimple();
    }
    return ((SqlLiteral) model).getValueAs(String.class);
  }

  public SqlNode data() {
    return data;
  }

  public SqlIdentifier dataAlias() {
    return dataAlias;
  }

  /** The WITH columns, or null when the query has no WITH. */
  public SqlNodeList withColumns() {
    return withColumns;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return Arrays.asList(model, data, dataAlias, withColumns);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("PREDICT");
    SqlWriter.Frame frame = writer.startList("(", ")");
    writer.sep(",");
    writer.keyword("MODEL =");
    model.unparse(writer, 0, 0);
    writer.sep(",");
    writer.keyword("DATA =");
    if (data instanceof SqlIdentifier) {
      data.unparse(writer, 0, 0);
    } else {
      SqlWriter.Frame query = writer.startList("(", ")");
      data.unparse(writer, 0, 0);
      writer.endList(query);
    }
    writer.keyword("AS");
    dataAlias.unparse(writer, 0, 0);
    writer.sep(",");
    writer.keyword("RUNTIME = ONNX");
    writer.endList(frame);
    if (withColumns != null) {
      writer.keyword("WITH");
      SqlWriter.Frame columns = writer.startList("(", ")");
      for (SqlNode column : withColumns) {
        writer.sep(",");
        column.unparse(writer, 0, 0);
      }
      writer.endList(columns);
    }
  }
}
