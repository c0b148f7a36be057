package dev.scry.planner.parser.ddl;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code SHOW TABLES [IN schema]}; without IN, the session's current schema. */
public final class ScryShowTables extends SqlCall {
  public static final SqlOperator OPERATOR = new SqlSpecialOperator("SHOW TABLES", SqlKind.OTHER);

  private final SqlIdentifier schema;

  /** @param schema the schema after IN, or null */
  public ScryShowTables(SqlParserPos pos, SqlIdentifier schema) {
    super(pos);
    this.schema = schema;
  }

  public Optional<SqlIdentifier> schema() {
    return Optional.ofNullable(schema);
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    // singletonList: the schema may be null.
    return Collections.singletonList(schema);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("SHOW TABLES");
    if (schema != null) {
      writer.keyword("IN");
      schema.unparse(writer, leftPrec, rightPrec);
    }
  }
}
