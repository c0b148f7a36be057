package dev.scry.planner.parser.ddl;

import dev.scry.planner.catalog.TableFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.ddl.SqlColumnDeclaration;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code CREATE EXTERNAL TABLE [IF NOT EXISTS] name [(col type [NOT NULL], ...)] STORED AS format
 * LOCATION 'uri' [PARTITIONED BY (col, ...)] [OPTIONS (key 'value', ...)]}: a table over files that
 * Scry does not own. Without a column list the columns are inferred from the files.
 */
public final class ScryCreateExternalTable extends SqlCreate {
  public static final SqlOperator OPERATOR =
      new SqlSpecialOperator("CREATE EXTERNAL TABLE", SqlKind.CREATE_TABLE);

  private final SqlIdentifier name;
  private final SqlNodeList columns;
  private final SqlLiteral format;
  private final SqlLiteral location;
  private final TableClauses clauses;

  /**
   * @param columns {@link SqlColumnDeclaration}s; empty when the columns are to be inferred
   * @param format a symbol literal holding a {@link TableFormat}
   * @param location a character literal
   * @param partitionColumns simple identifiers; may be empty
   * @param options {@link ScryTableOption}s; may be empty
   */
  public ScryCreateExternalTable(
      SqlParserPos pos,
      boolean ifNotExists,
      SqlIdentifier name,
      SqlNodeList columns,
      SqlLiteral format,
      SqlLiteral location,
      SqlNodeList partitionColumns,
      SqlNodeList options) {
    super(OPERATOR, pos, false, ifNotExists);
    this.name = Objects.requireNonNull(name, "name");
    this.columns = Objects.requireNonNull(columns, "columns");
    this.format = Objects.requireNonNull(format, "format");
    this.location = Objects.requireNonNull(location, "location");
    this.clauses = new TableClauses(partitionColumns, options);
    format.getValueAs(TableFormat.class);
    for (SqlNode column : columns) {
      if (!(column instanceof SqlColumnDeclaration)) {
        throw new IllegalArgumentException("not a column declaration: " + column);
      }
    }
  }

  public SqlIdentifier name() {
    return name;
  }

  public boolean ifNotExists() {
    return ifNotExists;
  }

  /** The declared columns ({@link SqlColumnDeclaration}); empty when they are to be inferred. */
  public SqlNodeList columns() {
    return columns;
  }

  public TableFormat format() {
    return format.getValueAs(TableFormat.class);
  }

  /** Where {@code STORED AS}'s format word was written. */
  public SqlParserPos formatPosition() {
    return format.getParserPosition();
  }

  public SqlLiteral location() {
    return location;
  }

  /** The location URI without quotes. */
  public String locationUri() {
    return location.getValueAs(String.class);
  }

  public SqlNodeList partitionColumns() {
    return clauses.partitionColumns();
  }

  public List<String> partitionColumnNames() {
    return clauses.partitionColumnNames();
  }

  public SqlNodeList options() {
    return clauses.options();
  }

  /** Option keys (as written) to values, in the order written. */
  public Map<String, String> optionMap() {
    return clauses.optionMap();
  }

  @Override
  public List<SqlNode> getOperandList() {
    return Arrays.asList(
        name, columns, format, location, clauses.partitionColumns(), clauses.options());
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("CREATE EXTERNAL TABLE");
    Unparsing.ifNotExists(writer, ifNotExists);
    name.unparse(writer, leftPrec, rightPrec);
    if (!columns.isEmpty()) {
      Unparsing.parenthesized(writer, columns);
    }
    writer.keyword("STORED AS");
    writer.keyword(format().name());
    writer.keyword("LOCATION");
    location.unparse(writer, 0, 0);
    clauses.unparsePartitioningAndOptions(writer);
  }
}
