package dev.scry.planner.parser.ddl;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code ALTER MODEL name SET ALIAS alias = version} (with a version) or {@code ALTER MODEL name DROP
 * ALIAS alias} (without one).
 */
public final class ScryAlterModelAlias extends SqlCall {
  public static final SqlOperator OPERATOR =
      new SqlSpecialOperator("ALTER MODEL ALIAS", SqlKind.OTHER_DDL);

  private final SqlIdentifier model;
  private final SqlIdentifier alias;
  private final SqlNumericLiteral version;

  /** @param version the version SET points the alias at; null for DROP */
  public ScryAlterModelAlias(
      SqlParserPos pos, SqlIdentifier model, SqlIdentifier alias, SqlNumericLiteral version) {
    super(pos);
    this.model = Objects.requireNonNull(model, "model");
    this.alias = Objects.requireNonNull(alias, "alias");
    this.version = version;
  }

  public SqlIdentifier model() {
    return model;
  }

  public SqlIdentifier alias() {
    return alias;
  }

  /** The version literal of SET ALIAS; empty for DROP ALIAS. */
  public Optional<SqlNumericLiteral> version() {
    return Optional.ofNullable(version);
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    List<SqlNode> operands = new ArrayList<>(List.of(model, alias));
    if (version != null) {
      operands.add(version);
    }
    return operands;
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("ALTER MODEL");
    model.unparse(writer, leftPrec, rightPrec);
    writer.keyword(version == null ? "DROP ALIAS" : "SET ALIAS");
    alias.unparse(writer, leftPrec, rightPrec);
    if (version != null) {
      writer.keyword("=");
      version.unparse(writer, leftPrec, rightPrec);
    }
  }
}
