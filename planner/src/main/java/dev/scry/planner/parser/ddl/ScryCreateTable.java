package dev.scry.planner.parser.ddl;

import dev.scry.planner.catalog.TableFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * {@code CREATE TABLE [IF NOT EXISTS] name (col type [NOT NULL], ...) [STORED AS format]
 * [PARTITIONED BY (col, ...)] [OPTIONS (...)]}: an empty managed table under the warehouse.
 */
public final class ScryCreateTable extends SqlCreate {
  public static final SqlOperator OPERATOR =
      new SqlSpecialOperator("CREATE TABLE", SqlKind.CREATE_TABLE);

  private final SqlIdentifier name;
  private final SqlNodeList columns;
  private final SqlLiteral format;
  private final TableClauses clauses;

  /**
   * @param columns {@link SqlColumnDeclaration}s, at least one
   * @param format a symbol literal holding a {@link TableFormat}, or null to use the default format
   * @param partitionColumns simple identifiers; may be empty
   * @param options {@link ScryTableOption}s; may be empty
   */
  public ScryCreateTable(
      SqlParserPos pos,
      boolean ifNotExists,
      SqlIdentifier name,
      SqlNodeList columns,
      SqlLiteral format,
      SqlNodeList partitionColumns,
      SqlNodeList options) {
    super(OPERATOR, pos, false, ifNotExists);
    this.name = Objects.requireNonNull(name, "name");
    this.columns = Objects.requireNonNull(columns, "columns");
    this.format = format;
    this.clauses = new TableClauses(partitionColumns, options);
    if (format != null) {
      format.getValueAs(TableFormat.class);
    }
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("CREATE TABLE needs at least one column");
    }
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

  /** The declared columns, {@link SqlColumnDeclaration}s in order. */
  public SqlNodeList columns() {
    return columns;
  }

  /** The format from STORED AS; empty when the statement leaves it to the warehouse default. */
  public Optional<TableFormat> format() {
    return Optional.ofNullable(format).map(f -> f.getValueAs(TableFormat.class));
  }

  public List<String> partitionColumnNames() {
    return clauses.partitionColumnNames();
  }

  /** Option keys (as written) to values, in the order written. */
  public Map<String, String> optionMap() {
    return clauses.optionMap();
  }

  @Override
  public List<SqlNode> getOperandList() {
    // Arrays.asList: the format may be null.
    return Arrays.asList(name, columns, format, clauses.partitionColumns(), clauses.options());
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("CREATE TABLE");
    Unparsing.ifNotExists(writer, ifNotExists);
    name.unparse(writer, leftPrec, rightPrec);
    Unparsing.parenthesized(writer, columns);
    if (format != null) {
      writer.keyword("STORED AS");
      writer.keyword(format.getValueAs(TableFormat.class).name());
    }
    clauses.unparsePartitioningAndOptions(writer);
  }
}
